package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    private final JobManager manager;
    private final JobLaunches launches;

    JobStarter(JobManager manager) {
        this.manager = manager;
        this.launches = new JobLaunches(manager);
    }

    /** Whether a launch of this instance id is in flight: its outcome is not known yet. */
    boolean isLaunching(String instanceId) {
        return launches.isLaunching(instanceId);
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
        checkInstanceId(instanceId);
        Optional<JobRecord> recorded = manager.table().byInstanceId(instanceId);
        if (recorded.isPresent()) {
            return resume(recorded.get(), spec, caller);
        }
        Recorded job = record(spec, caller, instanceId, targets(spec, caller.log()));
        return launched(job.record(), job.children(), spec, caller, false, job.durable());
    }

    /**
     * As {@link #start(StartSpec, Caller, String)}, without waiting for the agents' answers: the job
     * is recorded and its launches handed to the launch threads, and it is returned {@code
     * NotStarted} (its state follows as the answers come). With {@code durable}, its record is on
     * the disk first, as {@code start} has it (a group commit shared by concurrent starts); without,
     * the sync runs beside the launch and a power loss may take the record (the job then shows
     * among its agent's unknown jobs), for hosts whose own state does not outlive one either.
     *
     * <p>Only where that is as safe as {@code start}: nothing is recorded under {@code instanceId}
     * yet, every agent is connected now and has answered a launch since it connected (the first
     * launch on a connection is the slow one), and every launch begins at once (within the
     * throttle), so that no launch waits for what only a step resumed after a restart could carry
     * on. A host that shuts down cleanly waits a moment for launches on their way ({@link
     * JobManager#close}). Otherwise
     * it returns empty and records nothing: the host starts the job with {@code start}. A launch
     * that fails where {@code start} would have failed the step (its agent went away before it was
     * sent and stayed away past the grace; its environment could not be read) leaves the job {@code
     * Failed} "never launched", which the next {@code waitJob} or {@code receiveJob} of it reports
     * as its failure.
     *
     * @throws JobException for a user mistake, as {@code start}
     * @throws InterruptedException when the step is aborted while the record is synced
     */
    public Optional<JobRecord> startWithoutWaiting(StartSpec spec, Caller caller, String instanceId, boolean durable)
            throws InterruptedException {
        checkInstanceId(instanceId);
        if (manager.table().byInstanceId(instanceId).isPresent()) {
            return Optional.empty();
        }
        // Said in the log only once the start goes ahead this way: a declined one says it again.
        List<String> targets = targets(spec, text -> {});
        if (targets.size() > Math.max(1, spec.throttle())
                || !targets.stream()
                        .allMatch(node -> launches.isWarm(node)
                                && manager.directory().connect(node).isPresent())) {
            targets.forEach(caller::checkMayStartOn); // a refusal is the step's failure either way
            return Optional.empty();
        }
        targets(spec, caller.log());
        Recorded job = record(spec, caller, instanceId, targets);
        launches.launchInBackground(job.children(), spec, caller);
        if (durable) {
            manager.table().syncs().await(job.durable(), "remoteJob", caller.log());
        }
        return Optional.of(manager.table().get(job.record().id()).orElse(job.record()));
    }

    /**
     * Completes once no launch of {@link #startWithoutWaiting} of the job is on its way; what acts
     * on the job on its agent waits for it.
     */
    public CompletableFuture<Void> launchesSettled(JobRecord job) {
        return launches.settled(manager.children(job));
    }

    /** The node's channel is gone: its next launch waits for the agent's answer again. */
    void disconnected(String node) {
        launches.disconnected(node);
    }

    /** Waits a moment for the launches on their way, as the host shuts down. */
    void awaitLaunchesOnTheirWay() {
        launches.awaitBackground();
    }

    private static void checkInstanceId(String instanceId) {
        if (!JobIds.isValid(instanceId)) {
            throw new IllegalArgumentException("not an instance id: " + JobIds.quoteShort(instanceId));
        }
    }

    /**
     * A start's records: the job, and its children (the job itself for one node); {@code durable}
     * completes once they are on the disk.
     */
    private record Recorded(JobRecord record, List<JobRecord> children, CompletableFuture<Void> durable) {}

    /** Records the job for {@code targets}, after checking that the caller may start on each. */
    private Recorded record(StartSpec spec, Caller caller, String instanceId, List<String> targets) {
        targets.forEach(caller::checkMayStartOn);
        JobTable table = manager.table();
        String command = LaunchRequest.commandOf(spec.script());
        if (spec.node() != null) {
            JobRecord job = newRecord(table.nextId(), instanceId, spec, caller, spec.node(), command, 0);
            table.insert(job);
            return new Recorded(job, List.of(job), table.syncs().soon(manager.tableSyncs()));
        }
        long parentId = table.nextId();
        List<JobRecord> children = new ArrayList<>();
        for (String node : targets) {
            JobRecord child = newRecord(
                    table.nextId(), JobIds.childInstanceId(instanceId, node), spec, caller, node, command, parentId);
            children.add(child.with(b -> b.name = spec.name() != null ? spec.name() : "Job" + b.id));
        }
        JobRecord parent = newRecord(parentId, instanceId, spec, caller, null, command, 0)
                .with(b -> b.childIds = children.stream().map(JobRecord::id).toList());
        table.insert(parent);
        children.forEach(table::insert);
        return new Recorded(parent, children, table.syncs().soon(manager.tableSyncs()));
    }

    /**
     * The job once its children were launched and its records are on the disk ({@code durable}, a
     * sync begun with the launches, so that the two overlap: the handle outlives a power loss);
     * fails the step when none could start. {@code resumed}: an earlier controller may have sent
     * their launches already.
     */
    private JobRecord launched(
            JobRecord job,
            List<JobRecord> children,
            StartSpec spec,
            Caller caller,
            boolean resumed,
            CompletableFuture<Void> durable)
            throws InterruptedException {
        List<String> failures = children.size() == 1
                ? Optional.ofNullable(launches.launch(children.get(0), spec, caller, resumed)).stream()
                        .toList()
                : launches.launchAll(children, spec, caller, resumed);
        manager.table().syncs().await(durable, "remoteJob", caller.log());
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
        return unconfirmed.isEmpty()
                ? job
                : launched(
                        job,
                        unconfirmed,
                        spec,
                        caller,
                        true,
                        manager.table().syncs().soon(manager.tableSyncs()));
    }

    /**
     * The nodes to start on. A label selects the agents with that label that are connected now (as
     * PowerShell's sessions that are open); the ones that are not are named in the log, and a label
     * whose agents are all away is an error that names them.
     */
    private List<String> targets(StartSpec spec, BuildLog log) {
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
                log.println("remoteJob: label '" + spec.label() + "': not starting on " + String.join(", ", away)
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
}
