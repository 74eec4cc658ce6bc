package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code remoteJob}: records the job, then launches it with one call to its agent. A launch that
 * loses its reply is retried with the same instance id, which the agent makes idempotent. Several
 * nodes make a parent job whose children start {@code throttle} at a time.
 */
public final class JobStarter {

    private static final int LAUNCH_ATTEMPTS = 3;

    private final JobManager manager;

    JobStarter(JobManager manager) {
        this.manager = manager;
    }

    /**
     * Starts the job and returns its record (the parent's for several nodes) once launched.
     *
     * @throws JobException for a user mistake: an unknown node, a label that matches nothing
     */
    public JobRecord start(StartSpec spec, Caller caller) {
        List<String> targets = targets(spec);
        targets.forEach(caller::checkMayStartOn);
        JobTable table = manager.table();
        String command = LaunchRequest.commandOf(spec.script());
        if (spec.node() != null) {
            JobRecord job = newRecord(table.nextId(), spec, caller, spec.node(), command, 0);
            table.insert(job);
            launch(job, spec);
            return table.get(job.id()).orElse(job);
        }
        long parentId = table.nextId();
        List<JobRecord> children = new ArrayList<>();
        for (String node : targets) {
            JobRecord child = newRecord(table.nextId(), spec, caller, node, command, parentId);
            children.add(child.with(b -> b.name = spec.name() != null ? spec.name() : "Job" + b.id));
        }
        JobRecord parent = newRecord(parentId, spec, caller, null, command, 0)
                .with(b -> b.childIds = children.stream().map(JobRecord::id).toList());
        table.insert(parent);
        children.forEach(table::insert);
        launchAll(children, spec);
        return table.get(parentId).orElse(parent);
    }

    private List<String> targets(StartSpec spec) {
        AgentDirectory directory = manager.directory();
        if (spec.label() != null) {
            List<String> nodes = directory.nodesWithLabel(spec.label());
            if (nodes.isEmpty()) {
                throw new JobException("remoteJob: label '" + spec.label() + "' matches no node; nodes: "
                        + String.join(", ", directory.nodes()));
            }
            return nodes;
        }
        List<String> nodes = spec.node() != null ? List.of(spec.node()) : spec.nodes();
        for (String node : nodes) {
            if (!directory.exists(node)) {
                throw new JobException("remoteJob: unknown node " + JobIds.quoteShort(node) + "; known nodes: "
                        + String.join(", ", directory.nodes()));
            }
        }
        return nodes;
    }

    private static JobRecord newRecord(
            long id, StartSpec spec, Caller caller, String node, String command, long parent) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = id;
        b.instanceId = JobIds.newInstanceId();
        b.name = spec.name() != null ? spec.name() : "Job" + id;
        b.node = node;
        b.command = command;
        b.shell = spec.shell();
        b.keepOnAgent = spec.keepOnAgent();
        b.owner = caller.owner();
        b.build = caller.build();
        b.parentId = parent;
        b.createdAt = System.currentTimeMillis();
        return b.build();
    }

    private void launchAll(List<JobRecord> children, StartSpec spec) {
        int threads = Math.max(1, Math.min(spec.throttle(), children.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "remote-jobs-launch");
            t.setDaemon(true);
            return t;
        });
        try {
            children.forEach(child -> pool.execute(() -> launch(child, spec)));
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch(JobRecord job, StartSpec spec) {
        Optional<AgentProtocol> agent = manager.directory().connect(job.node());
        if (agent.isEmpty()) {
            fail(job, "launch failed: agent " + job.node() + " is not connected");
            return;
        }
        LaunchRequest request = new LaunchRequest(
                job.instanceId(),
                job.name(),
                spec.shell(),
                spec.script(),
                spec.dir(),
                spec.env(),
                spec.timeoutSeconds(),
                spec.keepOnAgent());
        IOException last = null;
        for (int attempt = 0; attempt < LAUNCH_ATTEMPTS; attempt++) {
            try {
                JobStatus status = agent.get().launch(request);
                if (!spec.keepOnAgent() && refusedWithoutOutput(status)) {
                    // Nothing ran, so nothing is to be collected: the handle says Failed at once.
                    manager.finishCollection(job, agent.get().release(job.instanceId()), -1);
                    manager.markCollected(job);
                    return;
                }
                manager.applyStatus(job, spec.keepOnAgent() ? status : NodeMonitor.runningUntilCollected(status), null);
                manager.monitor(job.node()).wake();
                return;
            } catch (JobCacheException e) {
                fail(job, "launch failed: " + e.getMessage());
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        fail(job, "launch failed: " + last.getMessage());
    }

    /** The agent recorded the job but could not start it (a missing dir, an unavailable shell). */
    private static boolean refusedWithoutOutput(JobStatus status) {
        return status.state().isFinished() && status.stdoutLength() == 0 && status.stderrLength() == 0;
    }

    private void fail(JobRecord job, String reason) {
        manager.table()
                .update(
                        job.id(),
                        r -> r.with(b -> {
                            b.state = JobState.FAILED;
                            b.reason = reason;
                            b.collected = true; // nothing reached the agent, so nothing is to be collected
                            b.endedAt = System.currentTimeMillis();
                        }),
                        true);
    }
}
