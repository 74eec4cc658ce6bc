// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java — signatures only.
// Checked against jenkinsci/workflow-step-api-plugin commit 0773c3c (build 716, 2025-11-17); the commits of
// the 724 release after it were not available.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("declaration only");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("declaration only");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("declaration only");
    }

    public void onResume() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getStatus() {
        throw new UnsupportedOperationException("declaration only");
    }
}
