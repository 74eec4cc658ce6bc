// Declaration of org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_,
// src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java — signatures only (checked with javap
// against the released jar).
package org.jenkinsci.plugins.workflow.steps;

import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;

public abstract class EnvironmentExpander implements Serializable {
    public abstract void expand(EnvVars env) throws IOException, InterruptedException;
}
