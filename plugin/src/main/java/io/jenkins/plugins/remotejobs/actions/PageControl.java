package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Computer;
import io.jenkins.plugins.remotejobs.JobAccess;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Stop and Remove asked for on job pages, carried out off the request threads: a stop may wait for
 * an agent that is away, a remove calls the agent. What is under way, and a remove that failed, is
 * noted by job id for the pages to show (permission checks stay with the pages).
 */
final class PageControl {

    private static final Logger LOG = Logger.getLogger(PageControl.class.getName());

    /** By job id: what a page should say about a stop or remove it started (under way, or failed). */
    private static final Map<Long, String> NOTICES = new ConcurrentHashMap<>();

    private PageControl() {}

    static void stop(JobManager manager, JobRecord job) {
        NOTICES.put(job.id(), Messages.PageControl_stopping(job.id()));
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                manager.control().stop(job);
                NOTICES.remove(job.id());
            } catch (JobException e) {
                NOTICES.put(job.id(), Messages.PageControl_stopFailed(job.id(), e.getMessage()));
                LOG.warning("stopping job " + job.id() + " from its page failed: " + e.getMessage());
            }
        });
    }

    static void remove(JobManager manager, JobRecord job, boolean force) {
        NOTICES.put(job.id(), Messages.PageControl_removing(job.id()));
        Computer.threadPoolForRemoting.execute(() -> {
            try {
                manager.control().remove(job, force);
                NOTICES.remove(job.id());
            } catch (JobException e) {
                NOTICES.put(job.id(), Messages.PageControl_removeFailed(job.id(), e.getMessage()));
            }
        });
    }

    /** What to say about the stops and removes of jobs the current user may see, for the table. */
    static List<String> notices(JobManager manager) {
        // A job removed since (by a step, by retention) needs no notice any more.
        NOTICES.keySet().removeIf(id -> manager.table().get(id).isEmpty());
        List<String> out = new ArrayList<>();
        NOTICES.forEach(
                (id, text) -> manager.table().get(id).filter(JobAccess::mayView).ifPresent(r -> out.add(text)));
        return out;
    }

    /** What to say about job {@code id}'s stop or remove from a page, or {@code null}. */
    static String notice(long id) {
        return NOTICES.get(id);
    }
}
