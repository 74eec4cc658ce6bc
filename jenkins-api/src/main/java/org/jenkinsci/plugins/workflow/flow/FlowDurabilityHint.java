// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/flow/FlowDurabilityHint.java — signatures only.
package org.jenkinsci.plugins.workflow.flow;

// Real header: public enum FlowDurabilityHint, whose constants take (atomicWrite, persistWithEveryStep,
// description, tooltip); declared: the three constants and the one query the plugin uses.
public enum FlowDurabilityHint {
    PERFORMANCE_OPTIMIZED,
    SURVIVABLE_NONATOMIC,
    MAX_SURVIVABILITY;

    public boolean isPersistWithEveryStep() {
        throw new UnsupportedOperationException("declaration only");
    }
}
