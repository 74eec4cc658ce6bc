package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Action;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A "Remote Jobs" page of the controller, an agent or a build: the same icon and address under
 * each, and rows made the same way.
 */
abstract class RemoteJobsAction implements Action {

    @Override
    public final String getIconFileName() {
        return "symbol-code-working";
    }

    @Override
    public final String getUrlName() {
        return "remote-jobs";
    }

    /** The rows of the top-level jobs among {@code records}, in their order, that {@code shown} lets through. */
    static List<JobRow> topLevelRows(JobManager manager, List<JobRecord> records, Predicate<JobRecord> shown) {
        List<JobRow> rows = new ArrayList<>();
        for (JobRecord r : records) {
            if (r.parentId() == 0 && shown.test(r)) {
                rows.add(new JobRow(manager.info(r)));
            }
        }
        return rows;
    }
}
