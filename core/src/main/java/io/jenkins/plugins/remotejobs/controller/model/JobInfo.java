package io.jenkins.plugins.remotejobs.controller.model;

import java.util.List;

/**
 * What users see of a job (a row of {@code getJob}, the getters of a handle): a record with a
 * parent's state, output flag and location worked out from its children.
 */
public record JobInfo(
        long id,
        String instanceId,
        String name,
        JobState state,
        boolean hasMoreData,
        String location,
        String command,
        Integer exitCode,
        String reason,
        List<Long> childIds,
        boolean keepOnAgent,
        String owner,
        String build) {

    public JobInfo {
        childIds = List.copyOf(childIds);
    }

    /**
     * The user's view of record {@code r}; a parent's state, output flag, location and reason come
     * from {@code children} (its records, in creation order).
     */
    public static JobInfo of(JobRecord r, List<JobRecord> children) {
        if (!r.isParent()) {
            return new JobInfo(
                    r.id(),
                    r.instanceId(),
                    r.name(),
                    r.state(),
                    r.hasUnreceivedOutput(),
                    r.node(),
                    r.command(),
                    r.exitCode(),
                    r.reason(),
                    r.childIds(),
                    r.keepOnAgent(),
                    r.owner(),
                    r.build());
        }
        List<JobState> states = children.stream().map(JobRecord::state).toList();
        boolean more = children.stream().anyMatch(JobRecord::hasUnreceivedOutput);
        String location =
                String.join(", ", children.stream().map(JobRecord::node).toList());
        String reason = children.stream()
                .filter(c -> c.reason() != null && c.state() != JobState.RUNNING)
                .map(c -> c.node() + ": " + c.reason())
                .findFirst()
                .orElse(null);
        return new JobInfo(
                r.id(),
                r.instanceId(),
                r.name(),
                JobInfo.parentState(states),
                more,
                location,
                r.command(),
                null,
                reason,
                r.childIds(),
                r.keepOnAgent(),
                r.owner(),
                r.build());
    }

    /**
     * A parent's state from its children, as PowerShell's rules: Disconnected if any child is, else
     * Running while any runs or has not started, else Failed if any failed or was lost, Stopped if
     * any was stopped, else Completed.
     */
    static JobState parentState(List<JobState> children) {
        if (children.contains(JobState.DISCONNECTED)) {
            return JobState.DISCONNECTED;
        }
        if (children.contains(JobState.RUNNING) || children.contains(JobState.NOT_STARTED)) {
            return JobState.RUNNING;
        }
        if (children.contains(JobState.FAILED) || children.contains(JobState.LOST)) {
            return JobState.FAILED;
        }
        if (children.contains(JobState.STOPPED)) {
            return JobState.STOPPED;
        }
        return JobState.COMPLETED;
    }
}
