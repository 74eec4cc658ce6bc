package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code removeJob}: deletes the job everywhere; a running one only with {@code force} (Remove-Job). */
public final class RemoveJobStep extends OneJobStep {

    @DataBoundConstructor
    public RemoveJobStep() {}

    @DataBoundSetter
    public void setForce(boolean force) {
        putFlag("force", force);
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(
                    StepNames.REMOVE_JOB,
                    RemoveJobArguments::from,
                    RemoveJobStep::new,
                    Messages::RemoveJobStep_displayName);
        }
    }
}
