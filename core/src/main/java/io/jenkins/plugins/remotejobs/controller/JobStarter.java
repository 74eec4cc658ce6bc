package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code remoteJob}: records the job, then launches it with one call to its agent. An agent that is
 * not connected yet is waited for, up to the reconnect grace, as {@code node} waits for an
 * executor. A launch whose reply is lost is sent again with the same instance id, which the agent
 * makes idempotent: a job that did start is adopted, never started twice. When the agent goes away
 * before any reply, the job stays unconfirmed ({@code Disconnected}) and its node's monitor asks
 * the agent when it is back. Several nodes make a parent job whose children start {@code throttle}
 * at a time.
 */
public final class JobStarter {

    /** How long to wait before sending a launch again after a failed call to a connected agent. */
    private static final long RETRY_MILLIS = 200;

    private final JobManager manager;
    private final Set<String> launching = ConcurrentHashMap.newKeySet();

    JobStarter(JobManager manager) {
        this.manager = manager;
    }

    /** Whether a launch of this instance id is in flight: its outcome is not known yet. */
    boolean isLaunching(String instanceId) {
        return launching.contains(instanceId);
    }

    /**
     * Starts the job and returns its record (the parent's for several nodes) once launched.
     *
     * @throws JobException for a user mistake (an unknown node, a label that matches nothing), or
     *     when the job could be launched on none of its nodes (each such child is recorded {@code
     *     Failed} with the reason, which the message repeats)
     * @throws InterruptedException when the step is aborted while it waits for an agent
     */
    public JobRecord start(StartSpec spec, Caller caller) throws InterruptedException {
        return start(spec, caller, JobIds.newInstanceId());
    }

    /**
     * As {@link #start(StartSpec, Caller)}, idempotent by {@code instanceId} (the job's, or for
     * several nodes the parent's): a call with an id that is already recorded (a step resumed after
     * a controller restart) starts nothing new; it sends the launch again to every child whose
     * launch is not confirmed, which the agent makes idempotent too, and returns the job.
     *
     * @throws JobException as {@link #start(StartSpec, Caller)}
     * @throws InterruptedException when the step is aborted while it waits for an agent
     */
    public JobRecord start(StartSpec spec, Caller caller, String instanceId) throws InterruptedException {
        if (!JobIds.isValid(instanceId)) {
            throw new IllegalArgumentException("not an instance id: " + JobIds.quoteShort(instanceId));
        }
        JobTable table = manager.table();
        Optional<JobRecord> recorded = table.byInstanceId(instanceId);
        if (recorded.isPresent()) {
            return resume(recorded.get(), spec, caller);
        }
        List<String> targets = targets(spec, caller);
        targets.forEach(caller::checkMayStartOn);
        String command = LaunchRequest.commandOf(spec.script());
        if (spec.node() != null) {
            JobRecord job = newRecord(table.nextId(), instanceId, spec, caller, spec.node(), command, 0);
            table.insert(job);
            return launched(job, List.of(job), spec, caller);
        }
        long parentId = table.nextId();
        List<JobRecord> children = new ArrayList<>();
        for (String node : targets) {
            JobRecord child = newRecord(table.nextId(), JobIds.newInstanceId(), spec, caller, node, command, parentId);
            children.add(child.with(b -> b.name = spec.name() != null ? spec.name() : "Job" + b.id));
        }
        JobRecord parent = newRecord(parentId, instanceId, spec, caller, null, command, 0)
                .with(b -> b.childIds = children.stream().map(JobRecord::id).toList());
        table.insert(parent);
        children.forEach(table::insert);
        return launched(parent, children, spec, caller);
    }

    /** The job once its children were launched; fails the step when none could start. */
    private JobRecord launched(JobRecord job, List<JobRecord> children, StartSpec spec, Caller caller)
            throws InterruptedException {
        List<String> failures = children.size() == 1
                ? Optional.ofNullable(launch(children.get(0), spec, caller)).stream()
                        .toList()
                : launchAll(children, spec, caller);
        if (!children.isEmpty() && failures.size() == children.size()) {
            throw new JobException("remoteJob: job " + job.id() + " (" + JobIds.quoteShort(job.name()) + ") could "
                    + (job.isParent() ? "be started on none of its nodes: " : "not be started: ")
                    + String.join("; ", failures));
        }
        return manager.table().get(job.id()).orElse(job);
    }

    /** A start made again with the same instance id: relaunch what is not confirmed, start nothing new. */
    private JobRecord resume(JobRecord job, StartSpec spec, Caller caller) throws InterruptedException {
        List<JobRecord> unconfirmed = manager.children(job).stream()
                .filter(c -> !c.launched() && !c.state().isFinished())
                .toList();
        return unconfirmed.isEmpty() ? job : launched(job, unconfirmed, spec, caller);
    }

    /**
     * The nodes to start on. A label selects the agents with that label that are connected now (as
     * PowerShell's sessions that are open); the ones that are not are named in the log, and a label
     * whose agents are all away is an error that names them.
     */
    private List<String> targets(StartSpec spec, Caller caller) {
        AgentDirectory directory = manager.directory();
        if (spec.label() != null) {
            List<String> nodes = directory.nodesWithLabel(spec.label());
            if (nodes.isEmpty()) {
                throw new JobException("remoteJob: label '" + spec.label() + "' matches no node; nodes: "
                        + String.join(", ", directory.nodes()));
            }
            List<String> online =
                    nodes.stream().filter(n -> directory.connect(n).isPresent()).toList();
            List<String> away = nodes.stream().filter(n -> !online.contains(n)).toList();
            if (online.isEmpty()) {
                throw new JobException("remoteJob: label '" + spec.label() + "' matches only agents that are not"
                        + " connected: " + String.join(", ", away));
            }
            if (!away.isEmpty()) {
                caller.log()
                        .println("remoteJob: label '" + spec.label() + "': not starting on " + String.join(", ", away)
                                + ", which " + (away.size() == 1 ? "is" : "are") + " not connected");
            }
            return online;
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
            long id, String instanceId, StartSpec spec, Caller caller, String node, String command, long parent) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = id;
        b.instanceId = instanceId;
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

    /** Launches the children, {@code throttle} at a time; returns why each that could not start did not. */
    private List<String> launchAll(List<JobRecord> children, StartSpec spec, Caller caller)
            throws InterruptedException {
        int threads = Math.max(1, Math.min(spec.throttle(), children.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "remote-jobs-launch");
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (JobRecord child : children) {
                outcomes.add(pool.submit(() -> launch(child, spec, caller)));
            }
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                String failure = outcomes.get(i).get();
                if (failure != null) {
                    failures.add(children.get(i).node() + ": " + failure);
                }
            }
            return failures;
        } catch (ExecutionException e) {
            throw new IllegalStateException("launching a child job failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What the agent is asked to run. The environment is what the blocks around the step set for
     * this node (in Jenkins {@code withEnv}, {@code withCredentials}), then {@code env:}, which wins.
     */
    private static LaunchRequest request(JobRecord job, StartSpec spec, Caller caller)
            throws IOException, InterruptedException {
        List<String> env = new ArrayList<>(caller.environment(job.node()));
        env.addAll(spec.env());
        return new LaunchRequest(
                job.instanceId(),
                job.name(),
                spec.shell(),
                spec.script(),
                spec.dir(),
                env,
                spec.timeoutSeconds(),
                spec.keepOnAgent());
    }

    /**
     * Launches one job; returns why it could not even be tried (its agent never connected: it is
     * then recorded {@code Failed} "never launched"), or {@code null} when the agent had it: it
     * runs, may run (an unconfirmed launch is left to the monitor), or failed to start there (then
     * it is {@code Failed} with the agent's reason, as a job that fails at once).
     */
    private String launch(JobRecord job, StartSpec spec, Caller caller) throws InterruptedException {
        Duration grace = manager.limits().reconnectGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean sent = false;
        IOException lastFailure = null;
        launching.add(job.instanceId());
        try {
            while (true) {
                Optional<AgentProtocol> agent = manager.awaitAgent(job.node(), deadline);
                if (agent.isEmpty() || (sent && System.nanoTime() - deadline > 0)) {
                    return sent ? unconfirmed(job, lastFailure) : neverLaunched(job, grace);
                }
                LaunchRequest request;
                try {
                    request = request(job, spec, caller);
                } catch (IOException e) {
                    String reason = "cannot read the environment of node " + job.node() + ": " + e.getMessage();
                    manager.recorder().fail(job, "never launched: " + reason);
                    return reason;
                }
                try {
                    sent = true;
                    JobStatus status = agent.get().launch(request);
                    adopt(job, spec, agent.get(), status);
                    return null;
                } catch (JobCacheException e) {
                    // The agent answered and refused (no room for the job's directory): the launch
                    // was tried, so the job is Failed with the reason, as one the agent could not start.
                    manager.recorder().fail(job, "launch failed: " + e.getMessage());
                    return null;
                } catch (IOException e) {
                    lastFailure = e; // the reply was lost, or the call never arrived: ask again
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } finally {
            launching.remove(job.instanceId());
        }
    }

    private void adopt(JobRecord job, StartSpec spec, AgentProtocol agent, JobStatus status) throws IOException {
        if (!spec.keepOnAgent() && endedWithoutOutput(status)) {
            // Nothing is to be collected: the handle says so at once. A fresh launch reports this
            // only when the job could not start; a launch sent again after a lost reply reports the
            // job as it is, maybe ended silently, or stopped with its processes still going (then
            // the agent refuses the release a moment, and the monitor finishes the job).
            try {
                manager.recorder().finishCollection(job, agent.release(job.instanceId()), -1);
                manager.recorder().markCollected(job);
                return;
            } catch (JobCacheException e) {
                if (e.kind() != JobCacheException.Kind.RUNNING) {
                    throw e;
                }
            }
        }
        manager.recorder()
                .applyStatus(job, spec.keepOnAgent() ? status : NodeMonitor.runningUntilCollected(status), null);
        manager.monitor(job.node()).wake();
    }

    private String neverLaunched(JobRecord job, Duration grace) {
        String reason = "never launched: agent " + job.node() + " did not connect within the reconnect grace of "
                + grace.toSeconds() + " s";
        manager.recorder().fail(job, reason);
        return reason;
    }

    /** Sent, but no reply came back: the job may run. The node's monitor asks the agent later. */
    private String unconfirmed(JobRecord job, IOException lastFailure) {
        launching.remove(job.instanceId()); // no answer is on its way any more
        manager.recorder()
                .markUnreachable(
                        job.node(),
                        List.of(manager.table().get(job.id()).orElse(job)),
                        "the launch got no reply from agent " + job.node()
                                + (lastFailure == null ? "" : " (" + lastFailure.getMessage() + ")"));
        manager.monitor(job.node()).wake();
        return null;
    }

    /**
     * The job is over and printed nothing: the agent could not start it (a missing dir, an
     * unavailable shell), or, asked again after a lost reply, it had ended without output.
     */
    private static boolean endedWithoutOutput(JobStatus status) {
        return status.state().isFinished() && status.stdoutLength() == 0 && status.stderrLength() == 0;
    }
}
