package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobQuery;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.JobTableFormat;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.util.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The six steps of STEPS.md as one host-neutral API: raw named arguments in (validated by the
 * shared argument records), job records or results out. The local script runner and the Jenkins
 * plugin both call exactly this, so the two hosts cannot drift apart; they only wrap records into
 * their own handle types.
 */
public final class JobSteps {

    private final JobManager manager;
    private final StepsByName byName = new StepsByName(this);

    public JobSteps(JobManager manager) {
        this.manager = manager;
    }

    public JobManager manager() {
        return manager;
    }

    /** The steps called by name, as hosts that dispatch by name call them. */
    public StepsByName byName() {
        return byName;
    }

    /**
     * {@code remoteJob}: starts a job (a parent job for several nodes) and returns it once launched,
     * waiting up to the reconnect grace for an agent that is not connected yet.
     *
     * @throws InterruptedException when the step is aborted while it waits for an agent
     */
    public JobRecord remoteJob(Map<String, ?> raw, Caller caller) throws InterruptedException {
        return remoteJob(raw, caller, JobIds.newInstanceId());
    }

    /**
     * {@code remoteJob} under a given instance id, idempotent by it: a host whose step outlives a
     * controller restart calls again with the same id and gets the same job, started once.
     *
     * @throws InterruptedException when the step is aborted while it waits for an agent
     */
    public JobRecord remoteJob(Map<String, ?> raw, Caller caller, String instanceId) throws InterruptedException {
        return manager.starter().start(startSpec(raw), caller, instanceId);
    }

    /**
     * {@code remoteJob} that returns the job {@code NotStarted} once it is recorded and its launches
     * are on their way, without waiting for the agents' answers; empty when that is not safe (an
     * agent is not connected, more nodes than the throttle starts at once, the id is recorded
     * already), and then nothing was done: call {@link #remoteJob(Map, Caller, String)}. See {@link
     * io.jenkins.plugins.remotejobs.controller.JobStarter#startWithoutWaiting}.
     *
     * @param durable whether the record must be on the disk before this returns (a host whose own
     *     state outlives a power loss)
     * @throws InterruptedException when the step is aborted while the record is synced
     */
    public Optional<JobRecord> remoteJobWithoutWaiting(
            Map<String, ?> raw, Caller caller, String instanceId, boolean durable) throws InterruptedException {
        return manager.starter().startWithoutWaiting(startSpec(raw), caller, instanceId, durable);
    }

    private static StartSpec startSpec(Map<String, ?> raw) {
        RemoteJobArguments a = RemoteJobArguments.from(raw);
        return new StartSpec(
                a.where().node(),
                a.where().nodes(),
                a.where().label(),
                a.script(),
                a.shell() == null ? "sh" : a.shell().label(),
                a.name(),
                a.keepOnAgent(),
                a.dir(),
                a.env(),
                a.timeout() == null ? 0 : a.timeout(),
                a.throttle());
    }

    /** {@code getJob}: the jobs the filters select; prints the table unless {@code quiet}. */
    public List<JobRecord> getJob(Map<String, ?> raw, Caller caller) {
        GetJobArguments a = GetJobArguments.from(raw);
        if (a.node() != null && !manager.directory().exists(a.node())) {
            throw new JobException("getJob: unknown node '" + a.node() + "'; known nodes: "
                    + String.join(", ", manager.directory().nodes()));
        }
        JobQuery query = new JobQuery(
                a.id(),
                a.name(),
                a.state() == null ? null : JobState.fromLabel(a.state()).orElseThrow(),
                a.node(),
                a.all(),
                a.includeChildJobs());
        List<JobRecord> jobs = manager.lookup().find(query, caller);
        if (jobs.isEmpty() && a.id() != null) {
            // An id names one job, as in every other step (and Get-Job -Id): none is an error, not
            // an empty table. Filters that match nothing, a name pattern among them, give an empty list.
            resolve("getJob", JobSelector.ofId(a.id()), caller);
        }
        if (!a.quiet()) {
            List<JobInfo> rows =
                    new ArrayList<>(jobs.stream().map(manager::info).toList());
            if (a.node() != null && caller.mayListAgent(a.node())) {
                rows.addAll(AgentListing.unknownTo(manager, a.node(), caller.log()));
            } else if (a.node() != null) {
                caller.log()
                        .println("getJob: jobs on " + a.node() + " that no controller record knows are listed only"
                                + " for callers allowed to see that agent's jobs (Agent/Extended Read)");
            }
            caller.log().print(JobTableFormat.format(rows));
        }
        return jobs;
    }

    /**
     * {@code receiveJob}: the output as text, or the number of bytes written with {@code file:}.
     *
     * @throws InterruptedException when a waiting receive is aborted
     */
    public Object receiveJob(Map<String, ?> raw, Caller caller) throws InterruptedException {
        return Futures.join(receiveJobAsync(raw, caller));
    }

    /**
     * {@code receiveJob} without a thread of its own while it waits: the arguments are checked and
     * the job resolved at once (a mistake throws here); the future completes with the text or the
     * number of bytes written. Cancelling it ends the wait.
     */
    public CompletableFuture<Object> receiveJobAsync(Map<String, ?> raw, Caller caller) {
        return receiveJobAsync(raw, caller, false);
    }

    /**
     * {@code receiveJob} into the build log only, with no text cap (it returns no text): how the
     * freestyle steps show a job's output. With {@code file:} it is the usual receive.
     *
     * @throws InterruptedException when a waiting receive is aborted
     */
    public void receiveJobIntoLog(Map<String, ?> raw, Caller caller) throws InterruptedException {
        Futures.join(receiveJobAsync(raw, caller, true));
    }

    private CompletableFuture<Object> receiveJobAsync(Map<String, ?> raw, Caller caller, boolean intoLog) {
        ReceiveJobArguments a = ReceiveJobArguments.from(raw);
        JobRecord job = resolve("receiveJob", a.job(), caller);
        if (!a.keep()) {
            requireControl("receiveJob", job, caller, "consume its output (keep: true reads without consuming)");
        }
        ReceiveSpec spec = a.spec(intoLog);
        return Futures.then(manager.receiver().receiveAsync(job, spec, caller), (result, failure) -> {
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
            }
            manager.control().requireLaunched("receiveJob", job); // it may have failed while the receive waited
            return a.file() != null ? (Object) result.bytes() : result.text();
        });
    }

    private JobRecord current(JobRecord job) {
        return manager.table().get(job.id()).orElse(job);
    }

    /**
     * {@code receiveJob}'s text when it needs no agent call (no {@code wait}, no {@code file};
     * output in the controller's spool); empty when it needs one. It reads only the local spool
     * and, to consume, appends to the job table and waits for its sync (a group commit), as a
     * start does. Argument mistakes, unknown jobs and text above the cap throw, as for {@link
     * #receiveJobAsync}.
     */
    public Optional<Object> receiveJobDoneAlready(Map<String, ?> raw, Caller caller) {
        ReceiveJobArguments a = ReceiveJobArguments.from(raw);
        if (a.file() != null) {
            return Optional.empty();
        }
        JobRecord job = resolve("receiveJob", a.job(), caller);
        if (!a.keep()) {
            requireControl("receiveJob", job, caller, "consume its output (keep: true reads without consuming)");
        }
        if (!manager.starter().launchesSettled(job).isDone()) {
            return Optional.empty(); // received once its agent has it
        }
        manager.control().requireLaunched("receiveJob", job);
        return manager.receiver()
                .receivedLocally(current(job), a.spec(false), caller)
                .map(ReceiveResult::text);
    }

    /**
     * {@code waitJob}: the jobs that ended, in the order given.
     *
     * @throws InterruptedException when the wait is aborted
     */
    public List<JobRecord> waitJob(Map<String, ?> raw, Caller caller) throws InterruptedException {
        WaitJobArguments a = WaitJobArguments.from(raw);
        return manager.control().waitFor(waitTargets(a, caller), a.any(), a.timeout(), a.force(), caller.log());
    }

    /**
     * {@code waitJob} without a thread of its own: the arguments are checked and the jobs resolved
     * at once (a mistake throws here); the future completes with the jobs that ended. Cancelling it
     * ends the wait.
     */
    public CompletableFuture<List<JobRecord>> waitJobAsync(Map<String, ?> raw, Caller caller) {
        WaitJobArguments a = WaitJobArguments.from(raw);
        return manager.control().waitAsync(waitTargets(a, caller), a.any(), a.timeout(), a.force(), caller.log());
    }

    /**
     * {@code waitJob}'s result when its jobs have ended already (one look at the table, no remote
     * call); empty when it would wait. Argument mistakes and unknown jobs throw, as for {@link
     * #waitJobAsync}.
     */
    public Optional<List<JobRecord>> waitJobEndedAlready(Map<String, ?> raw, Caller caller) throws Exception {
        WaitJobArguments a = WaitJobArguments.from(raw);
        return manager.control().endedAlready(waitTargets(a, caller), a.any(), a.force(), caller.log());
    }

    private List<JobRecord> waitTargets(WaitJobArguments a, Caller caller) {
        List<JobRecord> jobs = new ArrayList<>();
        for (JobSelector s : a.jobs()) {
            jobs.add(resolve("waitJob", s, caller));
        }
        return jobs;
    }

    /** {@code stopJob}. */
    public void stopJob(Map<String, ?> raw, Caller caller) {
        StopJobArguments a = StopJobArguments.from(raw);
        JobRecord job = requireControl("stopJob", resolve("stopJob", a.job(), caller), caller, "stop it");
        if (!manager.control().stop(job)) {
            caller.log()
                    .println("stopJob: job " + job.id() + " (" + JobIds.quoteShort(job.name()) + ") is stopped on its"
                            + " agent, but its processes are still ending (it reads "
                            + manager.info(job).state() + "); it becomes Stopped once they are gone");
        }
    }

    /** {@code removeJob}. */
    public void removeJob(Map<String, ?> raw, Caller caller) {
        RemoveJobArguments a = RemoveJobArguments.from(raw);
        manager.control()
                .remove(
                        requireControl("removeJob", resolve("removeJob", a.job(), caller), caller, "remove it"),
                        a.force());
    }

    /**
     * The job, when the caller may change it; otherwise the step fails saying what it may do.
     *
     * @throws JobException naming the job, its owner and the permission it needs
     */
    private static JobRecord requireControl(String step, JobRecord job, Caller caller, String action) {
        if (!caller.mayControl(job)) {
            throw new JobException(step + ": job " + job.id() + " (" + JobIds.quoteShort(job.name()) + ") belongs to "
                    + job.owner() + ": this build may read it but not " + action + "; that needs permission to"
                    + " cancel " + job.owner() + "'s builds (Job/Cancel)");
        }
        return job;
    }

    /**
     * The job a {@code job:}/{@code id:}/{@code name:} argument names, as the caller may reach it.
     *
     * @throws JobException naming the step when there is no such job
     */
    public JobRecord resolve(String step, JobSelector s, Caller caller) {
        try {
            if (s.id() != null) {
                return manager.lookup().byId(s.id(), caller);
            }
            if (s.instanceId() != null) {
                return manager.lookup().byInstanceId(s.instanceId(), caller);
            }
            return manager.lookup().byName(s.name(), caller);
        } catch (JobException e) {
            throw new JobException(step + ": " + e.getMessage());
        }
    }
}
