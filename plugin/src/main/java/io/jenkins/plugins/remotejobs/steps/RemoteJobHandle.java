package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What {@code remoteJob}, {@code getJob} and {@code waitJob} return: a serializable reference to a
 * job whose getters are live (each reads the controller's job table; no remote call) and allowed in
 * the Groovy sandbox. It holds identifiers only, so it survives a controller restart.
 */
public final class RemoteJobHandle implements JobReference {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String instanceId;

    public RemoteJobHandle(long id, String instanceId) {
        this.id = id;
        this.instanceId = instanceId;
    }

    /** What a step returns, with job records turned into handles (alone or in a list). */
    static Object wrap(Object result) {
        if (result instanceof JobRecord r) {
            return of(r);
        }
        if (result instanceof List<?> list && list.stream().allMatch(JobRecord.class::isInstance)) {
            ArrayList<RemoteJobHandle> handles = new ArrayList<>();
            list.forEach(r -> handles.add(of((JobRecord) r)));
            return handles;
        }
        return result;
    }

    static RemoteJobHandle of(JobRecord r) {
        return new RemoteJobHandle(r.id(), r.instanceId());
    }

    private static JobManager manager() {
        try {
            return RemoteJobsService.get().steps().manager();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobInfo info() {
        return manager().info(id).orElseThrow(() -> new IllegalStateException(Messages.RemoteJobHandle_removed(id)));
    }

    @Whitelisted
    public long getId() {
        return id;
    }

    @Override
    @Whitelisted
    public String getInstanceId() {
        return instanceId;
    }

    @Whitelisted
    public String getName() {
        return info().name();
    }

    @Whitelisted
    public String getState() {
        return info().state().label();
    }

    @Whitelisted
    public boolean getHasMoreData() {
        return info().hasMoreData();
    }

    @Whitelisted
    public String getLocation() {
        return info().location();
    }

    @Whitelisted
    public String getCommand() {
        return info().command();
    }

    @Whitelisted
    public Integer getExitCode() {
        return info().exitCode();
    }

    @Whitelisted
    public String getReason() {
        return info().reason();
    }

    @Whitelisted
    public boolean getKeepOnAgent() {
        return info().keepOnAgent();
    }

    @Whitelisted
    public List<RemoteJobHandle> getChildJobs() {
        JobManager manager = manager();
        List<RemoteJobHandle> children = new ArrayList<>();
        for (long child : info().childIds()) {
            manager.table().get(child).ifPresent(r -> children.add(of(r)));
        }
        return children;
    }

    /**
     * Two handles are equal when they name the same job (its instance id), whatever state each
     * saw, so that {@code waitJob(jobs: [a, b]).contains(a)} holds in a Pipeline.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteJobHandle other && instanceId.equals(other.instanceId);
    }

    @Override
    public int hashCode() {
        return instanceId.hashCode();
    }

    @Override
    @Whitelisted
    public String toString() {
        return manager()
                .info(id)
                .map(i -> "Job " + id + " (" + i.name() + ", " + i.state().label() + ")")
                .orElse("Job " + id + " (removed)");
    }
}
