package io.jenkins.plugins.remotejobs.local.runner;

import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.steps.JobReference;
import java.util.List;

/**
 * What {@code remoteJob} and {@code getJob} return in a local script: the same getters as the
 * plugin's handle ({@code id}, {@code instanceId}, {@code name}, {@code state}, ...). Getters are
 * live: each reads the controller's job table, so {@code j.state} in a loop sees the job progress.
 */
public final class LocalJobHandle implements JobReference {

    private static final long serialVersionUID = 1L;

    private final transient JobManager manager;
    private final long id;
    private final String instanceId;

    LocalJobHandle(JobManager manager, long id, String instanceId) {
        this.manager = manager;
        this.id = id;
        this.instanceId = instanceId;
    }

    private JobInfo info() {
        return manager.info(id)
                .orElseThrow(() -> new IllegalStateException("job " + id + " was removed; its handle is stale"));
    }

    public long getId() {
        return id;
    }

    @Override
    public String getInstanceId() {
        return instanceId;
    }

    public String getName() {
        return info().name();
    }

    public String getState() {
        return info().state().label();
    }

    public boolean getHasMoreData() {
        return info().hasMoreData();
    }

    public String getLocation() {
        return info().location();
    }

    public String getCommand() {
        return info().command();
    }

    public Integer getExitCode() {
        return info().exitCode();
    }

    public String getReason() {
        return info().reason();
    }

    public boolean getKeepOnAgent() {
        return info().keepOnAgent();
    }

    public List<LocalJobHandle> getChildJobs() {
        return info().childIds().stream()
                .map(child -> manager.table().get(child).orElse(null))
                .filter(r -> r != null)
                .map(r -> new LocalJobHandle(manager, r.id(), r.instanceId()))
                .toList();
    }

    /**
     * Two handles are equal when they name the same job (its instance id), whatever state each
     * saw, so that {@code waitJob(jobs: [a, b]).contains(a)} holds in a script.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LocalJobHandle other && instanceId.equals(other.instanceId);
    }

    @Override
    public int hashCode() {
        return instanceId.hashCode();
    }

    @Override
    public String toString() {
        return manager.info(id)
                .map(i -> "Job " + id + " (" + i.name() + ", " + i.state().label() + ")")
                .orElse("Job " + id + " (removed)");
    }
}
