package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Run;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import java.io.IOException;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A build's "Remote Jobs" page: the jobs it started (they outlive it). */
public final class BuildJobsAction extends RemoteJobsAction {

    private final Run<?, ?> run;

    BuildJobsAction(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public String getDisplayName() {
        return Messages.BuildJobsAction_displayName();
    }

    @Restricted(NoExternalUse.class)
    public Run<?, ?> getRun() {
        return run;
    }

    @Restricted(NoExternalUse.class)
    public List<JobRow> getRows() throws IOException {
        JobManager manager = RemoteJobsRootAction.manager();
        return topLevelRows(manager, manager.table().byBuild(run.getExternalizableId()), r -> true);
    }
}
