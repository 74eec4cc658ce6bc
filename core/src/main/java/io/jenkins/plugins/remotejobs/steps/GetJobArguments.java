package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The validated arguments of {@code getJob}, the job table query. Every filter is optional and
 * the given ones all apply (a job must match each); without {@code all}, {@code id} or {@code name}
 * the host lists only the calling build's jobs. Build them with {@link #from}, the one entry point
 * that checks them.
 *
 * @param id the job number to find, at least 1, or {@code null}
 * @param name a job name, where {@code *} matches any run of characters and {@code ?} one
 *     character, or {@code null}
 * @param state one of {@link #STATES}, exactly as spelt there, or {@code null}
 * @param node ask this node's job cache itself rather than the controller's table, or {@code null}
 * @param all list every job the caller may see, from any build
 * @param includeChildJobs list the children of multi-node jobs as rows of their own
 * @param quiet do not print the table to the build log
 */
public record GetJobArguments(
        Long id, String name, String state, String node, boolean all, boolean includeChildJobs, boolean quiet)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The job states a user can filter on, PowerShell's names in their life-cycle order. Kept as
     * names here because they are part of the user contract; the engine's own state type must
     * spell them the same way.
     */
    public static final List<String> STATES =
            List.of("NotStarted", "Running", "Completed", "Failed", "Stopped", "Disconnected", "Lost");

    /**
     * Validates {@code getJob}'s raw named arguments; an empty map is the plain {@code getJob()}.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static GetJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.GET_JOB, raw);
        return new GetJobArguments(
                args.wholeNumber("id", WholeRange.JOB_ID),
                args.text("name", TextKind.NAME_PATTERN),
                args.oneOf("state", STATES),
                args.text("node", TextKind.NODE),
                args.bool("all", false),
                args.bool("includeChildJobs", false),
                args.bool("quiet", false));
    }
}
