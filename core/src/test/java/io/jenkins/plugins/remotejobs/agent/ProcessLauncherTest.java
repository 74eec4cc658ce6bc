package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a launcher: a clear refusal for a wrong one, and jobs that either started read alike. */
class ProcessLauncherTest {

    @TempDir
    Path tmp;

    @Test
    void anUnknownLauncherIsRefusedNamingThePropertyAndTheChoicesAndTakesNoLock() throws IOException {
        assertThatThrownBy(() -> JobCache.open(tmp, Duration.ofSeconds(1), "wsl"))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown launcher 'wsl' (io.jenkins.plugins.remotejobs.launcher); allowed: sh, portable");

        JobCache.open(tmp, Duration.ofSeconds(1), "sh").close();
    }

    @Test
    void aCacheReadsTheJobsOfTheOtherLauncherAfterASwitch() throws Exception {
        LaunchRequest bySupervisor = request("exit 4");
        LaunchRequest byWrapper = request("exit 5");
        try (JobCache portable = JobCache.open(tmp, Duration.ofSeconds(1), "portable")) {
            portable.launch(bySupervisor);
            awaitOver(portable, bySupervisor);
        }
        try (JobCache sh = JobCache.open(tmp, Duration.ofSeconds(1), "sh")) {
            sh.launch(byWrapper);
            assertThat(awaitOver(sh, byWrapper).exitCode()).isEqualTo(5);
            assertThat(sh.status(bySupervisor.instanceId()).exitCode()).isEqualTo(4);
        }
    }

    @Test
    void aShellThePlatformCannotRunFailsTheLaunchWithTheReason() throws IOException {
        try (JobCache cache = JobCache.open(tmp, Duration.ofSeconds(1), "portable")) {
            LaunchRequest bat =
                    new LaunchRequest(JobIds.newInstanceId(), "b", "bat", "echo", null, List.of(), 0, false);

            JobStatus s = cache.launch(bat);

            assertThat(s.reason()).isEqualTo("launch failed: shell 'bat' needs a Windows agent");
        }
    }

    private static JobStatus awaitOver(JobCache cache, LaunchRequest req) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> cache.status(req.instanceId()), s -> s.endedAt() > 0);
    }

    private static LaunchRequest request(String script) {
        return new LaunchRequest(JobIds.newInstanceId(), "t", "sh", script, null, List.of(), 0, false);
    }
}
