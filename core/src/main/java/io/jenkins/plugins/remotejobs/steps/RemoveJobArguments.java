package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The validated arguments of {@code removeJob}. Build them with {@link #from}, the one entry point
 * that checks them.
 *
 * @param job the job to remove, by handle, id or name
 * @param force stop a running job first instead of refusing to remove it
 */
public record RemoveJobArguments(JobSelector job, boolean force) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RemoveJobArguments {
        Objects.requireNonNull(job, "job");
    }

    /**
     * Validates {@code removeJob}'s raw named arguments.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static RemoveJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.REMOVE_JOB, raw);
        JobSelectors.Given given = JobSelectors.Given.read(args);
        boolean force = args.bool("force", false);
        return new RemoveJobArguments(given.exactlyOne(args), force);
    }
}
