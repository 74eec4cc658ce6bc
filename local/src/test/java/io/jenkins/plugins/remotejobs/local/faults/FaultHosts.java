package io.jenkins.plugins.remotejobs.local.faults;

import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.LocalHost;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What the fault scenarios do to a {@link LocalHost}'s agents. */
final class FaultHosts {

    static final Duration LONG = Duration.ofSeconds(120);

    private FaultHosts() {}

    /**
     * Kills the agent as Jenkins does when it disconnects an agent it launched by a command (and at
     * controller shutdown), and harder: TERM to each of the JVM's descendants (Jenkins' process-tree
     * killer walks the tree by parent pid), then {@code kill -9} of the JVM itself. Returns
     * the JVM's pid once it is gone. A job must survive this: it is nobody's child in that tree.
     */
    static long killAgent(LocalHost host, String agent) throws Exception {
        long pid = host.agents().pid(agent).orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /** Waits until the supervisor has started the agent again, in a JVM other than {@code killedPid}. */
    static void awaitRestarted(LocalHost host, String agent, long killedPid) {
        await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> host.agents().connect(agent).isPresent()
                        && host.agents().pid(agent).orElse(killedPid) != killedPid);
    }
}
