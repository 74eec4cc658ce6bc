package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A job that only KILL ends, for the R6 and R8 scenarios: its shell ignores TERM, and so does the
 * child it leaves sleeping; it records the pids of both in a file. A watcher beside them, which does
 * not ignore TERM, writes a marker when TERM reaches the job's process group, so that a test knows
 * the moment a stop or a timeout signalled it; until then it prints a line every 0.1 s, so that the
 * controller's collection rounds never sit in a long wait (a host then closes at once).
 */
final class StubbornJob {

    /** Sourced by the job's own shell ({@code . file}), so that {@code $$} is that shell. */
    static final String SCRIPT = """
            ( trap 'echo term > "$TERMED"; exit 0' TERM; while :; do echo tick; sleep 0.1; done ) &
            trap '' TERM
            sleep 300 &
            echo $$ $! > "$PIDS.tmp" && mv "$PIDS.tmp" "$PIDS"
            wait
            """;

    final Path pidsFile;
    final Path termedFile;
    private final Path script;

    /** A job whose files live in {@code dir/name.*}. */
    StubbornJob(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        this.script = Files.writeString(dir.resolve(name + ".sh"), SCRIPT);
        this.pidsFile = dir.resolve(name + ".pids");
        this.termedFile = dir.resolve(name + ".termed");
    }

    /** The arguments of its {@code remoteJob} call after {@code node:}, as Jenkinsfile text. */
    String remoteJobArguments() {
        return "env: ['PIDS=%s', 'TERMED=%s'], script: \". '%s'\"".formatted(pidsFile, termedFile, script);
    }

    /** The pids of its shell and its sleeping child, once it has written them. */
    Set<Long> awaitPids() {
        String line = await().atMost(AgentFaults.LONG)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> Files.exists(pidsFile) ? Files.readString(pidsFile).trim() : "", s -> s.contains(" "));
        Set<Long> pids = Arrays.stream(line.split(" ")).map(Long::parseLong).collect(Collectors.toSet());
        assertThat(ProcessTable.alive(pids))
                .as("the job's processes once started")
                .isEqualTo(pids);
        return pids;
    }

    /** Waits until none of {@code pids} is alive (zombies do not count); returns how long that took. */
    static long awaitGone(Set<Long> pids, Duration ceiling) {
        long began = System.nanoTime();
        await().atMost(ceiling)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(ProcessTable.alive(pids))
                        .as("processes of the job still alive")
                        .isEmpty());
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** Kills whatever is left of {@code pids}, so that a failed test leaves nothing behind. */
    static void killLeftovers(Set<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
