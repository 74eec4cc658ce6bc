package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobQuery;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lookups behind {@code getJob} and the {@code job:}/{@code id:}/{@code name:} arguments of
 * every other step: only jobs the caller may reach are found, and a name that is ambiguous in this
 * build is refused rather than guessed.
 */
public final class JobLookup {

    private final JobManager manager;

    JobLookup(JobManager manager) {
        this.manager = manager;
    }

    /** The jobs a query selects among those the caller may reach, oldest first. */
    public List<JobRecord> find(JobQuery q, Caller caller) {
        JobTable table = manager.table();
        List<JobRecord> candidates;
        if (q.id() != null) {
            candidates = table.get(q.id()).map(List::of).orElse(List.of());
        } else if (q.name() != null && q.name().indexOf('*') < 0 && q.name().indexOf('?') < 0) {
            candidates = table.byName(q.name());
        } else if (q.all() || q.name() != null) {
            candidates = table.all();
        } else {
            candidates = table.byBuild(caller.build());
        }
        boolean children = q.includeChildJobs() || q.id() != null || q.node() != null;
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord r : candidates) {
            if ((r.parentId() != 0 && !children)
                    || (q.name() != null && !JobQuery.matches(q.name(), r.name()))
                    || (q.node() != null && !q.node().equals(r.node()))
                    || (q.state() != null && manager.info(r).state() != q.state())
                    || !caller.mayReach(r)) {
                continue;
            }
            out.add(r);
        }
        return out;
    }

    /** Job {@code id}, if it exists and the caller may reach it. */
    public JobRecord byId(long id, Caller caller) {
        return manager.table()
                .get(id)
                .filter(caller::mayReach)
                .orElseThrow(() -> new JobException("no job with id " + id));
    }

    /** The job a handle names, if it still exists and the caller may reach it. */
    public JobRecord byInstanceId(String instanceId, Caller caller) {
        return manager.table()
                .byInstanceId(instanceId)
                .filter(caller::mayReach)
                .orElseThrow(() -> new JobException(
                        "the job of this handle (instance " + instanceId + ") no longer exists: it was removed"));
    }

    /**
     * A name resolves to this build's job of that name; if this build has none, to the newest
     * reachable job of that name from earlier builds.
     *
     * @throws JobException when there is none, or this build has two of that name (listing their ids)
     */
    public JobRecord byName(String name, Caller caller) {
        List<JobRecord> named =
                manager.table().byName(name).stream().filter(caller::mayReach).toList();
        List<JobRecord> mine = named.stream()
                .filter(r -> caller.build().equals(r.build()) && r.parentId() == 0)
                .toList();
        if (mine.size() > 1) {
            throw new JobException("this build has " + mine.size() + " jobs named " + JobIds.quoteShort(name) + " (ids "
                    + mine.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(", "))
                    + "); use id: or job: to pick one");
        }
        if (mine.size() == 1) {
            return mine.get(0);
        }
        return named.stream()
                .filter(r -> r.parentId() == 0)
                .max(Comparator.comparingLong(JobRecord::id))
                .orElseThrow(() -> new JobException("no job named " + JobIds.quoteShort(name)));
    }
}
