package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The validated arguments of {@code stopJob}. Build them with {@link #from}, the one entry point
 * that checks them.
 *
 * @param job the job to stop, by handle, id or name
 */
public record StopJobArguments(JobSelector job) implements Serializable {

    private static final long serialVersionUID = 1L;

    public StopJobArguments {
        Objects.requireNonNull(job, "job");
    }

    /**
     * Validates {@code stopJob}'s raw named arguments.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static StopJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.STOP_JOB, raw);
        return new StopJobArguments(JobSelectors.Given.read(args).exactlyOne(args));
    }
}
