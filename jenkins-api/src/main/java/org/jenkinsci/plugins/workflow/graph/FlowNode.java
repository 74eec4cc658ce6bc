// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java — signatures only.
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import hudson.model.Actionable;

// Real header: public abstract class FlowNode extends Actionable implements Saveable.
public abstract class FlowNode extends Actionable {
    public String getId() {
        throw new UnsupportedOperationException("declaration only");
    }

    public final <T extends Action> T getPersistentAction(Class<T> type) {
        throw new UnsupportedOperationException("declaration only");
    }
}
