// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java — signatures only.
// Checked against jenkinsci/workflow-step-api-plugin commit 0773c3c (build 716, 2025-11-17); the commits of
// the 724 release after it were not available.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        throw new UnsupportedOperationException("declaration only");
    }

    public UninstantiatedDescribable uninstantiate(Step step) throws UnsupportedOperationException {
        throw new UnsupportedOperationException("declaration only");
    }
}
