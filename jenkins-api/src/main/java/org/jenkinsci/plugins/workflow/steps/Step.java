// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java — signatures only.
// Checked against jenkinsci/workflow-step-api-plugin commit 0773c3c (build 716, 2025-11-17); the commits of
// the 724 release after it were not available.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.AbstractDescribableImpl;

// Real header: public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint.
public abstract class Step extends AbstractDescribableImpl<Step> {
    public abstract StepExecution start(StepContext context) throws Exception;

    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("declaration only");
    }
}
