package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code getJob node:} asks the agent's cache itself (PowerShell's {@code Invoke-Command -Session
 * $s { Get-Job }}): jobs there that the controller's table does not know (its data was lost, or
 * another controller started them) are listed too, without an id.
 */
public final class AgentListing {

    private AgentListing() {}

    static List<JobInfo> unknownTo(JobManager manager, String node, BuildLog log) {
        try {
            return unknownOn(manager, node);
        } catch (IOException e) {
            log.println("getJob: agent " + node + " is unreachable (" + e.getMessage()
                    + "); listing the controller's records only");
            return List.of();
        }
    }

    /**
     * The jobs agent {@code node} holds that no record knows, which an administrator may adopt.
     *
     * @throws IOException when the agent is not connected or its answer does not come
     */
    public static List<JobInfo> unknownOn(JobManager manager, String node) throws IOException {
        Optional<AgentProtocol> agent = manager.directory().connect(node);
        if (agent.isEmpty()) {
            throw new IOException("not connected");
        }
        List<JobInfo> rows = new ArrayList<>();
        for (JobStatus s : agent.get().list()) {
            if (manager.table().byInstanceId(s.instanceId()).isEmpty()) {
                rows.add(unknownJob(node, s));
            }
        }
        return rows;
    }

    /**
     * The row of a job agent {@code node} holds that no record knows: no id, owner or build, and
     * "more data" while some output is not consumed yet.
     */
    public static JobInfo unknownJob(String node, JobStatus s) {
        return new JobInfo(
                0,
                s.instanceId(),
                s.name(),
                JobState.of(s.state()),
                s.hasUnconsumedOutput(),
                node,
                s.command(),
                s.exitCode(),
                s.reason(),
                List.of(),
                s.keepOnAgent(),
                null,
                null);
    }
}
