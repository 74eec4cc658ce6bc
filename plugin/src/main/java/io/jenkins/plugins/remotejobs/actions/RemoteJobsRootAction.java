package io.jenkins.plugins.remotejobs.actions;

import hudson.Extension;
import hudson.model.Api;
import hudson.model.RootAction;
import io.jenkins.plugins.remotejobs.JobAccess;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * {@code /remote-jobs/}: the Get-Job table of this controller, filtered by state, node and name,
 * showing only the jobs the current user may see; {@code job/<id>/} is a job's page and {@code
 * api/json} the table as JSON.
 */
@Extension
@ExportedBean
public final class RemoteJobsRootAction extends RemoteJobsAction implements RootAction {

    @Override
    public String getDisplayName() {
        return Messages.RemoteJobsRootAction_displayName();
    }

    static JobManager manager() throws IOException {
        return RemoteJobsService.get().steps().manager();
    }

    /** The rows for the filters of the current request ({@code ?state=&node=&name=}). */
    @Restricted(NoExternalUse.class)
    public List<JobRow> getFilteredRows() throws IOException {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        return req == null
                ? rows(null, null, null)
                : rows(req.getParameter("state"), req.getParameter("node"), req.getParameter("name"));
    }

    /** The top-level jobs the current user may see, newest first, matching the filters given. */
    List<JobRow> rows(String state, String node, String name) throws IOException {
        JobManager manager = manager();
        List<JobRecord> newestFirst = new ArrayList<>(manager.table().all());
        Collections.reverse(newestFirst);
        List<JobRow> rows = topLevelRows(manager, newestFirst, JobAccess::mayView);
        rows.removeIf(row ->
                !matches(state, row.getState()) || !matches(node, row.getLocation()) || !matches(name, row.getName()));
        return rows;
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.isEmpty() || (value != null && value.contains(filter));
    }

    /** The value the request gives for a filter ({@code state}, {@code node}, {@code name}), for the form to keep. */
    @Restricted(NoExternalUse.class)
    public String filter(String name) {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String value = req == null ? null : req.getParameter(name);
        return value == null ? "" : value;
    }

    @Restricted(NoExternalUse.class)
    public List<String> getStates() {
        return JobState.labels();
    }

    /** The table for {@code api/json}. */
    @Exported(name = "jobs")
    public List<JobRow> getJobs() throws IOException {
        return rows(null, null, null);
    }

    public Api getApi() {
        return new Api(this);
    }

    /** What to say about stops and removes started from job pages (under way, or failed). */
    @Restricted(NoExternalUse.class)
    public List<String> getNotices() throws IOException {
        return PageControl.notices(manager());
    }

    /** {@code job/<id>/}: a job's page, or nothing (404) when it does not exist or is not visible. */
    public JobPage getJob(String id) throws IOException {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
        JobManager manager = manager();
        return manager.table()
                .get(number)
                .filter(JobAccess::mayView)
                .map(r -> new JobPage(manager, r))
                .orElse(null);
    }
}
