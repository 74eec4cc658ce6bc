package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Computer;
import io.jenkins.plugins.remotejobs.JobAccess;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.steps.AgentListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An agent's "Remote Jobs" page: its job cache as the agent itself lists it, including jobs the
 * controller does not know (for example after the controller's data was lost), which whoever may
 * see the agent's configuration sees and administrators may adopt into the table.
 */
public final class AgentJobsAction extends RemoteJobsAction {

    private final Computer computer;

    AgentJobsAction(Computer computer) {
        this.computer = computer;
    }

    @Override
    public String getDisplayName() {
        return Messages.AgentJobsAction_displayName();
    }

    @Restricted(NoExternalUse.class)
    public Computer getComputer() {
        return computer;
    }

    /** The rows of this agent's cache the current user may see; a problem line when unreachable. */
    @Restricted(NoExternalUse.class)
    public AgentRows getListing() throws IOException {
        JobManager manager = RemoteJobsRootAction.manager();
        String node = computer.getName();
        List<JobRow> rows = new ArrayList<>();
        Optional<AgentProtocol> agent = manager.directory().connect(node);
        if (agent.isEmpty()) {
            return new AgentRows(rows, Messages.AgentJobsAction_unreachable(node));
        }
        // The same right as getJob node: (JobAccess): whoever may see this page.
        boolean unknownToo = computer.hasPermission(Computer.EXTENDED_READ);
        try {
            for (JobStatus s : agent.get().list()) {
                Optional<JobRecord> known = manager.table().byInstanceId(s.instanceId());
                if (known.isPresent()) {
                    if (JobAccess.mayView(known.get())) {
                        rows.add(new JobRow(manager.info(known.get())));
                    }
                } else if (unknownToo) {
                    rows.add(new JobRow(AgentListing.unknownJob(node, s)));
                }
            }
        } catch (IOException e) {
            return new AgentRows(rows, Messages.AgentJobsAction_unreachable(node) + " (" + e.getMessage() + ")");
        }
        return new AgentRows(rows, null);
    }

    /** Whether the current user may adopt this agent's jobs that no record knows (they then belong to administrators). */
    @Restricted(NoExternalUse.class)
    public boolean isMayAdopt() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /**
     * Takes a job this agent holds but no record knows into the job table, for administrators (it
     * belongs to nobody then): its page then shows, receives, stops and removes it like any other.
     */
    @POST
    public HttpResponse doAdopt(@QueryParameter String instanceId) throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (!JobIds.isValid(instanceId)) {
            return HttpResponses.error(400, Messages.AgentJobsAction_notAnInstanceId());
        }
        try {
            RemoteJobsRootAction.manager().control().adopt(computer.getName(), instanceId);
        } catch (JobException e) {
            return HttpResponses.error(409, e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    /** The rows, and why the list may be incomplete. */
    public static final class AgentRows {
        private final List<JobRow> rows;
        private final String problem;

        AgentRows(List<JobRow> rows, String problem) {
            this.rows = rows;
            this.problem = problem;
        }

        public List<JobRow> getRows() {
            return rows;
        }

        public String getProblem() {
            return problem;
        }
    }
}
