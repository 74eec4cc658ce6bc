// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java — signatures only.
package org.jenkinsci.plugins.workflow.graph;

// Real header: public abstract class FlowNode extends Actionable implements Saveable.
public abstract class FlowNode {
    public String getId() {
        throw new UnsupportedOperationException("declaration only");
    }
}
