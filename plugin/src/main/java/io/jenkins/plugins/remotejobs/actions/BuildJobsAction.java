package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A build's "Remote Jobs" page: the jobs it started (they outlive it). */
public final class BuildJobsAction implements Action {

    private final Run<?, ?> run;

    BuildJobsAction(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-code-working";
    }

    @Override
    public String getDisplayName() {
        return Messages.BuildJobsAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "remote-jobs";
    }

    @Restricted(NoExternalUse.class)
    public Run<?, ?> getRun() {
        return run;
    }

    @Restricted(NoExternalUse.class)
    public List<JobRow> getRows() throws IOException {
        JobManager manager = RemoteJobsRootAction.manager();
        List<JobRow> rows = new ArrayList<>();
        for (JobRecord r : manager.table().byBuild(run.getExternalizableId())) {
            if (r.parentId() == 0) {
                rows.add(new JobRow(manager.info(r)));
            }
        }
        return rows;
    }
}
