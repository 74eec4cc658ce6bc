package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Liveness: healthy jobs that print nothing for a long time are never declared dead, in either
 * result mode. Their files look a month old (every file of their directories is dated back), and
 * their agent is killed and started again while they are silent, so that liveness is judged afresh
 * from what the directory holds: the process (pid and start time), never a file's age.
 */
class SilentJobLivenessTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    private static final Duration SILENCE = Duration.ofSeconds(12);

    @Test
    void aSilentHealthyJobIsNeverDeclaredDead() throws Exception {
        long began = System.nanoTime();
        Path gate = local.scratch().resolve("gate");
        var started = local.scripts().run("""
                def s = "while [ ! -e '%s' ]; do sleep 1; done; echo done"
                def a = remoteJob node: 'agent-1', name: 'silent-spooled', script: s
                def b = remoteJob node: 'agent-1', name: 'silent-kept', keepOnAgent: true, script: s
                echo "ids=${a.id},${b.id}"
                echo "iids=${a.instanceId},${b.instanceId}"
                """.formatted(gate)).ok();
        long[] ids = Stream.of(started.value("ids").split(","))
                .mapToLong(Long::parseLong)
                .toArray();
        String[] iids = started.value("iids").split(",");
        Set<JobState> seen = ConcurrentHashMap.newKeySet();
        Set<JobState> allowed = EnumSet.of(JobState.RUNNING, JobState.DISCONNECTED);

        // Nothing but time: silence, watched.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> stillAlive(ids, seen, allowed));
        for (String iid : iids) {
            ageEveryFile(local.host().home().resolve("agents/agent-1/cache").resolve(iid), Duration.ofDays(30));
        }
        long killed = AgentFaults.killWithItsTree(local.host(), "agent-1");
        await().atMost(AgentFaults.LONG).until(() -> {
            stillAlive(ids, seen, allowed);
            return local.host().agents().connect("agent-1").isPresent()
                    && local.host().agents().pid("agent-1").orElse(killed) != killed;
        });
        await().during(SILENCE)
                .atMost(SILENCE.plusSeconds(10))
                .until(() -> stillAlive(ids, seen, allowed)
                        && local.scripts().info(ids[0]).state() == JobState.RUNNING
                        && local.scripts().info(ids[1]).state() == JobState.RUNNING);

        Files.createFile(gate);
        var ended = local.scripts().run("""
                waitJob jobs: [%1$d, %2$d], timeout: 60
                echo "states=${[getJob(id: %1$d, quiet: true)[0].state, getJob(id: %2$d, quiet: true)[0].state]}"
                echo "out=${receiveJob(id: %1$d, quiet: true).trim()} ${receiveJob(id: %2$d, quiet: true).trim()}"
                """.formatted(ids[0], ids[1])).ok();
        long silent = (System.nanoTime() - began) / 1_000_000_000;
        Figures.of("LIVENESS")
                .put("jobs", 2)
                .put("silentSeconds", silent)
                .put("fileAgeDays", 30)
                .put("agentRestarts", 1)
                .put("statesSeen", seen)
                .put(
                        "declaredDead",
                        seen.stream().filter(s -> !allowed.contains(s)).count())
                .print();
        assertThat(seen).isSubsetOf(allowed);
        assertThat(ended.value("states")).isEqualTo("[Completed, Completed]");
        assertThat(ended.value("out")).isEqualTo("done done");
    }

    /** Records the states seen; false as soon as one of the jobs is in a state outside {@code allowed}. */
    private static boolean stillAlive(long[] ids, Set<JobState> seen, Set<JobState> allowed) {
        boolean ok = true;
        for (long id : ids) {
            JobState s = local.scripts().info(id).state();
            seen.add(s);
            ok &= allowed.contains(s);
        }
        return ok;
    }

    private static void ageEveryFile(Path dir, Duration age) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }
}
