package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code getJob}: the job table (Get-Job), printed to the log and returned as handles. */
public final class GetJobStep extends SelectorStep {

    @DataBoundConstructor
    public GetJobStep() {}

    @DataBoundSetter
    public void setState(String state) {
        putText("state", state);
    }

    @DataBoundSetter
    public void setNode(String node) {
        putText("node", node);
    }

    @DataBoundSetter
    public void setAll(boolean all) {
        putFlag("all", all);
    }

    @DataBoundSetter
    public void setIncludeChildJobs(boolean includeChildJobs) {
        putFlag("includeChildJobs", includeChildJobs);
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        putFlag("quiet", quiet);
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.GET_JOB, GetJobArguments::from, GetJobStep::new, Messages::GetJobStep_displayName);
        }
    }
}
