package io.jenkins.plugins.remotejobs.local.e2e;

import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the end-to-end and fault tests do to a {@link LocalHost}'s agents: kill one, wait for its
 * supervisor to start it again, or keep it down for as long as a test needs. The supervisor restarts
 * a killed agent at once, so keeping one down means holding its job cache's lock: each new
 * incarnation then fails to open the cache.
 */
public final class AgentFaults {

    /** The ceiling of the waits around a fault: generous, as the shared machine may be slow. */
    public static final Duration LONG = Duration.ofSeconds(120);

    /** One way of killing an agent; returns the pid of the JVM it killed, once that is gone. */
    @FunctionalInterface
    public interface Kill {
        long kill(LocalHost host, String agent) throws Exception;
    }

    /** An agent kept down; closing it frees the cache's lock, and the supervisor's next start succeeds. */
    public record KeptDown(CacheLock lock, long firstKilledPid) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    private AgentFaults() {}

    /** {@code kill -9} of the agent's JVM alone. */
    public static long killJvm(LocalHost host, String agent) throws Exception {
        ProcessHandle process = jvm(host, agent);
        process.destroyForcibly();
        return awaitGone(process);
    }

    /**
     * Kills the agent as Jenkins does when it disconnects an agent it launched by a command (and at
     * controller shutdown), and harder: TERM to each of the JVM's descendants (Jenkins' process-tree
     * killer walks the tree by parent pid), then {@code kill -9} of the JVM itself. A job must
     * survive this: it is nobody's child in that tree.
     */
    public static long killWithItsTree(LocalHost host, String agent) throws Exception {
        ProcessHandle process = jvm(host, agent);
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroyForcibly();
        return awaitGone(process);
    }

    /** Waits until the supervisor has started the agent again, in a JVM other than {@code killedPid}. */
    public static void awaitRestarted(LocalHost host, String agent, long killedPid) {
        await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> host.agents().connect(agent).isPresent()
                        && host.agents().pid(agent).orElse(killedPid) != killedPid);
    }

    /**
     * Kills the agent by {@code kill} and takes its job cache's lock. Should a restart win the race
     * for the lock, that incarnation is killed too; {@link KeptDown#firstKilledPid} is the first JVM
     * killed, 0 when none ran.
     */
    public static KeptDown keepDown(LocalHost host, String agent, Kill kill) {
        Path cache = host.home().resolve("agents").resolve(agent).resolve("cache");
        CacheLock[] lock = {null};
        long[] killed = {0};
        await().atMost(LONG).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (host.agents().pid(agent).isPresent()) {
                long pid = kill.kill(host, agent);
                if (killed[0] == 0) {
                    killed[0] = pid;
                }
            }
            try {
                lock[0] = CacheLock.acquire(cache);
                return true;
            } catch (IOException heldByANewIncarnation) {
                return false;
            }
        });
        return new KeptDown(lock[0], killed[0]);
    }

    private static ProcessHandle jvm(LocalHost host, String agent) {
        long pid = host.agents().pid(agent).orElseThrow();
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static long awaitGone(ProcessHandle process) throws Exception {
        process.onExit().get(30, TimeUnit.SECONDS);
        return process.pid();
    }
}
