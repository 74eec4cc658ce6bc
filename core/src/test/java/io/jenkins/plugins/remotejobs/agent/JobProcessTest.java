package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness from one read of /proc: a process is alive while it runs, is no longer once it exited,
 * and a record whose start time differs (a pid that was given to another process) is not it;
 * a command name with spaces and parentheses does not confuse the reading of the fields after it.
 */
class JobProcessTest {

    @TempDir
    Path tmp;

    @Test
    void livenessFollowsTheProcessAndItsStartTime() throws Exception {
        Path oddName = tmp.resolve("a) b (c");
        Files.copy(Path.of("/bin/sleep"), oddName, StandardCopyOption.COPY_ATTRIBUTES);
        Process p = new ProcessBuilder(oddName.toString(), "60").start();
        try {
            JobProcess job = JobProcess.detached(p.pid());
            assertThat(job.startTicks()).isPositive();
            assertThat(io.jenkins.plugins.remotejobs.supervisor.ProcStat.read(p.pid())
                            .orElseThrow()
                            .state())
                    .isIn('S', 'R');
            assertThat(job.isAlive()).isTrue();
            assertThat(job.handle()).isPresent();
            assertThat(new JobProcess(p.pid(), 0, job.startTicks() + 1).isAlive())
                    .as("the same pid with another start time")
                    .isFalse();
            assertThat(JobProcess.isZombie(p.pid())).isFalse();

            p.destroyForcibly();
            // Our own child stays a zombie until the JDK reaps it: not alive either way.
            await().atMost(Duration.ofSeconds(30)).until(() -> !job.isAlive());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(job.isAlive()).isFalse();
            assertThat(job.handle()).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aWrapperGoneBeforeItsStartWasReadIsNeverAlive() {
        JobProcess gone = JobProcess.detached(Integer.MAX_VALUE);
        assertThat(gone.startMillis()).isEqualTo(JobProcess.ENDED_AT_LAUNCH);
        assertThat(gone.isAlive()).isFalse();
        assertThat(io.jenkins.plugins.remotejobs.supervisor.ProcStat.read(Integer.MAX_VALUE))
                .isEmpty();
    }
}
