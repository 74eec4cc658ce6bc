package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobTableFormat;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.steps.AgentListing;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remote-jobs adopt --node agent-N [INSTANCE_ID...]}: the local host's counterpart of the
 * Adopt button on a Jenkins agent's Remote Jobs page. An agent may hold jobs that no record of the
 * home knows (the home's controller data was lost, or a power loss took a record before it was
 * synced); without ids it lists them, with ids it takes them into the table, where scripts reach
 * them by id like any other job. Never automatic: adopting is the user's decision.
 */
@Command(
        name = "adopt",
        mixinStandardHelpOptions = true,
        description = {
            "List the jobs an agent holds that no record of the home knows, or adopt them into the table.",
            "Without INSTANCE_ID: lists them. With ids: adopts each; a script then reaches it as getJob(id: N)."
        })
final class AdoptCommand implements Callable<Integer> {

    private static final Pattern LOCAL_AGENT = Pattern.compile("agent-([1-9][0-9]?)");

    @Option(
            names = "--node",
            paramLabel = "NAME",
            required = true,
            description = "the agent whose jobs to list or adopt (agent-1 to agent-64)")
    String node;

    @Parameters(paramLabel = "INSTANCE_ID", arity = "0..*", description = "instance ids of the jobs to adopt")
    List<String> instanceIds = new ArrayList<>();

    @Mixin
    HostOptions host;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Matcher agent = LOCAL_AGENT.matcher(node);
        if (!agent.matches() || Integer.parseInt(agent.group(1)) > 64) {
            err.println("ERROR: --node must name a local agent, agent-1 to agent-64, got '" + node + "'");
            return 2;
        }
        for (String id : instanceIds) {
            try {
                JobIds.requireValid(id);
            } catch (JobCacheException e) {
                err.println("ERROR: " + e.getMessage() + " (the InstanceId column of 'remote-jobs adopt --node " + node
                        + "')");
                return 2;
            }
        }
        String problem = host.problem();
        if (problem != null) {
            err.println("ERROR: " + problem);
            return 2;
        }
        host.applyLauncher();
        // Start the agents up to the one named, so that it is connected: it answers for its own cache.
        int agents = Integer.parseInt(agent.group(1));
        try (LocalHost local = LocalHost.start(host.home, agents, host.limits(Limits.defaults()))) {
            host.rememberRetention(local.home());
            if (instanceIds.isEmpty()) {
                List<JobInfo> unknown = AgentListing.unknownOn(local.manager(), node);
                if (unknown.isEmpty()) {
                    out.println(node + " holds no job that the table does not know: nothing to adopt");
                } else {
                    out.print(JobTableFormat.formatUnknown(unknown));
                }
                return 0;
            }
            int failed = 0;
            for (String id : instanceIds) {
                try {
                    JobRecord job = local.manager().control().adopt(node, id);
                    out.println("adopted " + id + " from " + node + " as job " + job.id() + " ("
                            + job.state().label() + "); a script reaches it as getJob(id: " + job.id() + ")");
                } catch (JobException | IOException e) {
                    err.println("ERROR: " + e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        }
    }
}
