package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code removeJob}: deletes a job (and its children) from the table, the agents and the
 * controller's spool. A job is never forgotten while its agent may still hold its process or
 * files, and a parent is removed all or nothing while an agent is away: every child's agent must
 * be connected before any is asked. An agent that refuses part-way (it could not delete the
 * files) leaves in the table exactly the children that some agent still holds.
 */
final class JobRemover {

    private static final Logger LOG = Logger.getLogger(JobRemover.class.getName());

    private final JobManager manager;
    private final Set<Long> removing = ConcurrentHashMap.newKeySet();

    JobRemover(JobManager manager) {
        this.manager = manager;
    }

    void remove(JobRecord job, boolean force) {
        List<JobRecord> children = manager.children(job);
        List<Long> ids = new ArrayList<>(children.stream().map(JobRecord::id).toList());
        ids.add(job.id());
        removing.addAll(ids);
        try {
            removeNow(job, children, force);
        } finally {
            removing.removeAll(ids);
        }
    }

    /**
     * Whether a remove of this job is under way: its agent may already have deleted its files
     * while its row is still in the table, so a receive that finds them gone was outrun by it.
     */
    boolean isBeingRemoved(long id) {
        return removing.contains(id);
    }

    private void removeNow(JobRecord job, List<JobRecord> children, boolean force) {
        JobInfo info = manager.info(job);
        if (!force && !info.state().isFinished()) {
            throw new JobException("removeJob: job " + job.id() + " (" + JobIds.quoteShort(job.name()) + ") is "
                    + info.state() + "; stop it first with stopJob, or pass force: true");
        }
        // A Lost child's node will never report back, and its files are out of reach.
        List<JobRecord> onAgents =
                children.stream().filter(c -> c.state() != JobState.LOST).toList();
        List<AgentProtocol> agents = new ArrayList<>();
        for (JobRecord child : onAgents) {
            Optional<AgentProtocol> agent = manager.directory().connect(child.node());
            if (agent.isEmpty()) {
                throw unreachable(child, "not connected");
            }
            agents.add(agent.get());
        }
        List<JobRecord> removed = new ArrayList<>();
        for (int i = 0; i < onAgents.size(); i++) {
            JobRecord child = onAgents.get(i);
            try {
                agents.get(i).remove(child.instanceId(), force);
                removed.add(child);
            } catch (IOException e) {
                // What the agents removed so far is gone from them: it leaves the table too.
                if (!removed.isEmpty()) {
                    forget(removed);
                }
                throw refused(job, child, e, removed);
            }
        }
        List<JobRecord> all = new ArrayList<>(children);
        if (job.isParent()) {
            all.add(job);
        }
        forget(all);
    }

    /** Rows first: a collection round in flight then finds the job gone and spools nothing more. */
    private void forget(List<JobRecord> jobs) {
        for (JobRecord r : jobs) {
            manager.table().delete(r.id());
        }
        for (JobRecord r : jobs) {
            if (r.isParent()) {
                continue;
            }
            try {
                manager.spool().delete(r.instanceId());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the spool of job " + r.id(), e);
            }
        }
    }

    private static JobException unreachable(JobRecord child, String why) {
        return new JobException("removeJob: agent " + child.node() + " is unreachable (" + why + "), so job "
                + child.id() + " (" + JobIds.quoteShort(child.name()) + ")'s process and files there cannot be"
                + " removed; nothing was removed. Remove it once the agent is back; a node that is deleted makes its"
                + " jobs Lost, which can be removed");
    }

    private static JobException refused(JobRecord job, JobRecord child, IOException e, List<JobRecord> removed) {
        String sofar = removed.isEmpty()
                ? "nothing was removed"
                : "removed before it: "
                        + String.join(
                                ", ",
                                removed.stream()
                                        .map(r -> "job " + r.id() + " on " + r.node())
                                        .toList()) + "; job " + job.id() + " keeps the rest: remove it again";
        if (e instanceof JobCacheException) {
            // The agent answered and refused: it is reachable, and says why.
            return new JobException("removeJob: agent " + child.node() + " refused to remove job " + child.id() + " ("
                    + JobIds.quoteShort(child.name()) + "): " + e.getMessage() + "; " + sofar);
        }
        return removed.isEmpty()
                ? unreachable(child, e.getMessage())
                : new JobException("removeJob: agent " + child.node() + " became unreachable (" + e.getMessage()
                        + ") while job " + child.id() + " (" + JobIds.quoteShort(child.name()) + ") was removed; "
                        + sofar + " once the agent is back");
    }
}
