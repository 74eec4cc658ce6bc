// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java — signatures only.
// Checked against jenkinsci/workflow-step-api-plugin commit 0773c3c (build 716, 2025-11-17); the commits of
// the 724 release after it were not available.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException("declaration only");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("declaration only");
    }
}
