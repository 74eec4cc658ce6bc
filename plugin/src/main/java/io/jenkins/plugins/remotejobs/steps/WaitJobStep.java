package io.jenkins.plugins.remotejobs.steps;

import hudson.Extension;
import hudson.util.FormValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code waitJob}: blocks until all (or any) of the jobs ended (Wait-Job), without holding an
 * executor; survives a controller restart and can be aborted.
 *
 * <p>A script gives {@code jobs:} as a list of handles or ids, which no form can hold. The Snippet
 * Generator's form has a text field of job ids instead, {@link #setJobIds}, which fills the same
 * {@code jobs} argument with numbers (and is no argument itself); so the generated call is {@code
 * waitJob(jobs: [3, 4])} and nothing but the documented arguments ever reaches the engine, which checks them as it checks a
 * script's.
 */
public final class WaitJobStep extends ArgumentsStep {

    /** What separates the ids in the form's field: commas and white space, in any mix. */
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    @DataBoundConstructor
    public WaitJobStep() {}

    @DataBoundSetter
    public void setJobs(List<Object> jobs) {
        putList("jobs", jobs);
    }

    /**
     * The Snippet Generator's field: job ids separated by commas or white space, which become the
     * {@code jobs} argument (blank: no {@code jobs}). Like every argument, the items are the
     * engine's to check: an item that is no whole number stays text, so that the generated call
     * names it when it runs ({@link DescriptorImpl#doCheckJobIds} flags it in the form already).
     */
    @DataBoundSetter
    public void setJobIds(String jobIds) {
        List<Object> jobs = new ArrayList<>();
        for (String item : items(jobIds)) {
            Long id = wholeNumber(item);
            jobs.add(id == null ? item : id);
        }
        putList("jobs", jobs);
    }

    /** The items of the form's field, in the order given; none for {@code null} or blank text. */
    private static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : SEPARATORS.split(text.strip())) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** {@code item} as a number if it is only digits and fits a {@code long}, else {@code null}. */
    private static Long wholeNumber(String item) {
        if (!item.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(item);
        } catch (NumberFormatException e) {
            return null; // too large for any id
        }
    }

    @DataBoundSetter
    public void setAny(boolean any) {
        putFlag("any", any);
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        put("timeout", timeout);
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        putFlag("force", force);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new WaitingExecution(StepNames.WAIT_JOB, context, arguments(), StepSupport.currentAuthentication());
    }

    @Extension
    public static final class DescriptorImpl extends ArgumentsDescriptor {
        public DescriptorImpl() {
            super(StepNames.WAIT_JOB, WaitJobArguments::from, WaitJobStep::new, Messages::WaitJobStep_displayName);
        }

        /** Checks the form's job ids as the user types; the engine checks the rest when the step runs. */
        @POST
        public FormValidation doCheckJobIds(@QueryParameter String value) {
            List<String> items = items(value);
            if (items.isEmpty()) {
                return FormValidation.error(Messages.WaitJobStep_jobIdsRequired());
            }
            for (String item : items) {
                Long id = wholeNumber(item);
                if (id == null || id < 1) {
                    return FormValidation.error(Messages.WaitJobStep_badJobId(item));
                }
            }
            return FormValidation.ok();
        }
    }
}
