package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validated arguments of {@code waitJob}, which blocks until jobs end. Build them with {@link
 * #from}, the one entry point that checks them; the canonical constructor only makes the list
 * immutable.
 *
 * @param jobs the jobs to wait for, in the order given, non-empty; the same job may appear twice
 * @param any return once any one of them has ended, rather than all
 * @param timeout give up after this many seconds (0 checks once), or {@code null} to wait forever
 * @param force wait for a finished state; without it {@code Disconnected} also ends the wait
 */
public record WaitJobArguments(List<JobSelector> jobs, boolean any, Long timeout, boolean force)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String JOBS = "a non-empty List of job handles or job ids, such as jobs: [j]";

    public WaitJobArguments {
        jobs = List.copyOf(jobs);
    }

    /**
     * Validates {@code waitJob}'s raw named arguments.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static WaitJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.WAIT_JOB, raw);
        List<?> items = args.list("jobs", JOBS, true);
        if (items.isEmpty()) {
            throw args.fail("jobs", "argument 'jobs' must be " + JOBS + ", got an empty List");
        }
        List<JobSelector> jobs = new ArrayList<>(items.size());
        for (Object item : items) {
            String label = "jobs[" + jobs.size() + "]";
            if (item == null) {
                throw args.fail(label, "argument '" + label + "' must not be null");
            }
            jobs.add(JobSelectors.handleOrId(args, label, item));
        }
        return new WaitJobArguments(
                jobs,
                args.bool("any", false),
                args.wholeNumber("timeout", WholeRange.WAIT_TIMEOUT),
                args.bool("force", false));
    }
}
