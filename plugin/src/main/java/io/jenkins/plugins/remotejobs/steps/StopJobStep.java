package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code stopJob}: stops the job's process group and its descendants on the agent (Stop-Job). */
public final class StopJobStep extends OneJobStep {

    @DataBoundConstructor
    public StopJobStep() {}

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.STOP_JOB, StopJobArguments::from, StopJobStep::new, Messages::StopJobStep_displayName);
        }
    }
}
