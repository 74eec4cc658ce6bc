package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code getJob}: the job table (Get-Job), printed to the log and returned as handles. */
public final class GetJobStep extends ArgumentsStep {

    @DataBoundConstructor
    public GetJobStep() {
        super(Map.of());
    }

    private GetJobStep(Map<String, Object> raw) {
        super(raw);
    }

    public Integer getId() {
        Number n = get("id", Number.class, null);
        return n == null ? null : n.intValue();
    }

    @DataBoundSetter
    public void setId(Integer id) {
        put("id", id);
    }

    public String getName() {
        return get("name", String.class, null);
    }

    @DataBoundSetter
    public void setName(String name) {
        put("name", RemoteJobStep.emptyToNull(name));
    }

    public String getState() {
        return get("state", String.class, null);
    }

    @DataBoundSetter
    public void setState(String state) {
        put("state", RemoteJobStep.emptyToNull(state));
    }

    public String getNode() {
        return get("node", String.class, null);
    }

    @DataBoundSetter
    public void setNode(String node) {
        put("node", RemoteJobStep.emptyToNull(node));
    }

    public boolean isAll() {
        return get("all", Boolean.class, false);
    }

    @DataBoundSetter
    public void setAll(boolean all) {
        put("all", all ? Boolean.TRUE : null);
    }

    public boolean isIncludeChildJobs() {
        return get("includeChildJobs", Boolean.class, false);
    }

    @DataBoundSetter
    public void setIncludeChildJobs(boolean includeChildJobs) {
        put("includeChildJobs", includeChildJobs ? Boolean.TRUE : null);
    }

    public boolean isQuiet() {
        return get("quiet", Boolean.class, false);
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        put("quiet", quiet ? Boolean.TRUE : null);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return QuickExecution.of(StepNames.GET_JOB, context, arguments());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.GET_JOB, GetJobArguments::from, GetJobStep::new);
        }

        @Override
        public String getDisplayName() {
            return Messages.GetJobStep_displayName();
        }
    }
}
