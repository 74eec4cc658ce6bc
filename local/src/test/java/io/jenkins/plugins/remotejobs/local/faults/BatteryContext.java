package io.jenkins.plugins.remotejobs.local.faults;

import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What the battery's cases run against: a host with two agents, the agent protocol of {@code
 * agent-1} over the real loopback transport, and a few jobs made beforehand.
 *
 * @param finished a finished controller-mode job that printed {@code 0123456789}
 * @param kept a finished agent-mode job that printed {@code 0123456789}, by id and instance id
 * @param running an agent-mode job that runs for minutes
 * @param removed a job that was removed, by id and instance id
 * @param onRemovedAgent a job kept on {@code agent-3}, an agent an earlier run had and this one has not
 */
record BatteryContext(
        LocalHost host,
        ScriptFixture scripts,
        Path tmp,
        long finished,
        long kept,
        String keptIid,
        long running,
        String runningIid,
        long removed,
        String removedIid,
        long onRemovedAgent) {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** agent-1's job cache, as the controller reaches it. */
    AgentProtocol agent() {
        return host.agents().connect("agent-1").orElseThrow();
    }

    /**
     * Runs a Jenkinsfile: {@code error: <message>} when it fails, else {@code ok: <value>} with the
     * value of its last {@code result=...} line ({@code ok} without one).
     */
    String script(String text) {
        ScriptFixture.Result r = scripts.run(text);
        if (!r.succeeded()) {
            return "error: " + normalize(r.failure());
        }
        return r.values("result").isEmpty() ? "ok" : "ok: " + normalize(r.value("result"));
    }

    /**
     * Makes a protocol call: {@code refused (KIND): <message>} for a refusal of the job cache,
     * {@code failed: <message>} for another error; else what {@code call} returns.
     */
    String protocol(Callable<String> call) throws Exception {
        try {
            return normalize(call.call());
        } catch (JobCacheException e) {
            return "refused (" + e.kind() + "): " + normalize(e.getMessage());
        } catch (IOException e) {
            return "failed: " + normalize(e.getMessage());
        }
    }

    /** A new finished job that printed {@code 0123456789}; its id. */
    long finishedJob(String name) {
        return Long.parseLong(scripts.run("""
                        def j = remoteJob node: 'agent-1', name: '%s', script: 'printf 0123456789'
                        waitJob jobs: [j], timeout: 60
                        echo "result=${j.id}"
                        """.formatted(name)).ok().value("result"));
    }

    /** A new agent-mode job on agent-1 that runs for minutes; its id. */
    long runningJob() {
        return Long.parseLong(scripts.run("echo \"result=${remoteJob(node: 'agent-1', keepOnAgent: true,"
                        + " script: 'echo started; sleep 600').id}\"")
                .ok()
                .value("result"));
    }

    /** An agent's job cache directory. */
    Path cache(String agent) {
        return host.home().resolve("agents").resolve(agent).resolve("cache");
    }

    /** Runs two scripts at the same time; their outcomes as {@link #script} gives them, sorted. */
    List<String> race(String first, String second) throws Exception {
        List<String> both = new ArrayList<>(raceInOrder(first, second));
        Collections.sort(both);
        return both;
    }

    /** Runs two scripts at the same time; their outcomes in the order given. */
    List<String> raceInOrder(String first, String second) throws Exception {
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> script(first));
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> script(second));
        return List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));
    }

    /** {@code description} when a race ended as it may, else what happened instead. */
    String invariant(boolean holds, String description, Object happened) {
        return holds ? description : "not as it may end: " + happened;
    }

    /** Kills the agent and keeps it down (holding its cache's lock) while {@code call} runs. */
    String whileAgentOffline(String agent, Callable<String> call) throws Exception {
        try (var down = AgentFaults.keepDown(host, agent, AgentFaults::killWithItsTree)) {
            await().atMost(AgentFaults.LONG)
                    .until(() -> host.agents().connect(agent).isEmpty());
            return call.call();
        } finally {
            await().atMost(AgentFaults.LONG)
                    .until(() -> host.agents().connect(agent).isPresent());
        }
    }

    /** Writes instance ids as {@code <uuid>} and the test's temporary directory as {@code <tmp>}. */
    String normalize(String text) {
        if (text == null) {
            return "null";
        }
        String out = text.replace(tmp.toString(), "<tmp>");
        try {
            out = out.replace(tmp.toRealPath().toString(), "<tmp>");
        } catch (IOException e) {
            // the same path
        }
        return UUID.matcher(out).replaceAll("<uuid>");
    }

    /** {@code text} with this job's id written as {@code <id>}. */
    static String withId(String text, long id) {
        return text.replaceAll("\\b" + id + "\\b", "<id>");
    }
}
