// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java — signatures only.
// Checked against jenkinsci/workflow-api-plugin master (getAuthentication2 has been there since 2.266-era
// releases and is unchanged).
package org.jenkinsci.plugins.workflow.flow;

import org.springframework.security.core.Authentication;

// Real header: public abstract class FlowExecution implements FlowActionStorage, GraphLookupView.
public abstract class FlowExecution {
    public Authentication getAuthentication2() {
        throw new UnsupportedOperationException("declaration only");
    }

    public FlowDurabilityHint getDurabilityHint() {
        throw new UnsupportedOperationException("declaration only");
    }
}
