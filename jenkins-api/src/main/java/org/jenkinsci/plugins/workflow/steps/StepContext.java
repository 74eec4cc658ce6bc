// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java — signatures only.
// Checked against jenkinsci/workflow-step-api-plugin commit 0773c3c (build 716, 2025-11-17); the commits of
// the 724 release after it were not available.
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);
}
