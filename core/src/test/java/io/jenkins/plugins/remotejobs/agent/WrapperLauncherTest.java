package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.supervisor.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code sh} launcher's own contract, in both of its shapes ({@code setsid -f}, and the
 * launcher {@code sh} for a {@code setsid} that cannot fork by itself): the pid a launch returns is
 * the wrapper's, which leads a session of its own and is no child of the agent JVM; the job's
 * streams and exit status land in its files; a launch that gave up waiting leaves a wrapper that
 * runs nothing.
 */
@DisabledOnOs(OS.WINDOWS)
class WrapperLauncherTest {

    @TempDir
    Path root;

    private JobFiles newJob() throws IOException {
        JobFiles files = JobFiles.of(root, JobIds.newInstanceId());
        Files.createDirectories(files.work());
        Files.createFile(files.output(StreamName.STDOUT));
        return files;
    }

    private static LaunchRequest sh(JobFiles files, String script) {
        String id = files.dir().getFileName().toString();
        return new LaunchRequest(id, "test", "sh", script, null, List.of(), 0, false);
    }

    @ParameterizedTest(name = "setsid forks: {0}")
    @ValueSource(booleans = {true, false})
    void theWrapperLeadsItsOwnSessionOutsideTheAgentsTreeAndRecordsTheExit(boolean setsidForks) throws Exception {
        JobFiles files = newJob();
        LaunchRequest req = sh(files, "echo hi; echo oops >&2; while [ ! -f go ]; do sleep 0.05; done; exit 3");

        JobProcess wrapper = new WrapperLauncher(1, () -> setsidForks, WrapperLauncher.NOTE_TIMEOUT)
                .start(files, req, files.work(), System.currentTimeMillis());

        ProcStat stat = ProcStat.read(wrapper.pid()).orElseThrow();
        assertThat(stat.session()).as("the wrapper leads its session").isEqualTo(wrapper.pid());
        assertThat(stat.parent())
                .as("no child of the agent JVM")
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .doesNotContain(wrapper.pid());
        assertThat(Files.readString(files.launched())).isEqualTo(wrapper.pid() + "\n");

        Files.createFile(files.work().resolve("go"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(files.exit()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(files.exit()).endsWith("\n"));
        assertThat(Files.readString(files.exit())).isEqualTo("3\n");
        assertThat(Files.readString(files.output(StreamName.STDOUT))).isEqualTo("hi\n");
        assertThat(Files.readString(files.output(StreamName.STDERR))).isEqualTo("oops\n");
    }

    @ParameterizedTest(name = "setsid forks: {0}")
    @ValueSource(booleans = {true, false})
    void aWrapperWhoseNoteALaunchThatGaveUpTookRunsNothing(boolean setsidForks) throws Exception {
        JobFiles files = newJob();
        Files.writeString(files.launched(), WrapperLauncher.GAVE_UP);
        LaunchRequest req = sh(files, "touch ran");

        assertThatThrownBy(() -> new WrapperLauncher(1, () -> setsidForks, WrapperLauncher.NOTE_TIMEOUT)
                        .start(files, req, files.work(), System.currentTimeMillis()))
                .isInstanceOf(IOException.class)
                .hasMessage("the job's wrapper noted no pid but 'launch gave up'");

        String exitFile = files.exit().toString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.allProcesses()
                        .noneMatch(p -> p.info()
                                .arguments()
                                .map(a -> List.of(a).contains(exitFile))
                                .orElse(false)));
        assertThat(files.work().resolve("ran")).as("the script never ran").doesNotExist();
        assertThat(files.exit()).doesNotExist();
        assertThat(Files.readString(files.launched())).isEqualTo(WrapperLauncher.GAVE_UP);
    }

    @Test
    void aLaunchWhoseWrapperNeverNotesGivesUpAndTakesTheNote() throws Exception {
        JobFiles files = newJob();
        // Started, alive, and never noting: as a wrapper the machine has not run yet.
        Process starter = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> WrapperLauncher.notedPid(starter, files, Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the job's wrapper did not start within 1 s (see the job's stderr); it will not run");
            assertThat(Files.readString(files.launched())).isEqualTo(WrapperLauncher.GAVE_UP);
        } finally {
            starter.destroyForcibly();
        }
    }

    @Test
    void aNoteTheWrapperBeganAndNeverFinishedFailsTheLaunchInsteadOfWaitingForEver() throws Exception {
        JobFiles files = newJob();
        Files.createFile(files.launched()); // as a wrapper whose write of its pid failed (a full disk)
        Process starter = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> WrapperLauncher.notedPid(starter, files, Duration.ofMillis(100)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the job's wrapper could not note its pid (see the job's stderr)");
            assertThat(Files.readString(files.launched()))
                    .as("the wrapper's note is not taken over")
                    .isEmpty();
        } finally {
            starter.destroyForcibly();
        }
    }

    @Test
    void aStarterThatFailsBeforeForkingFailsTheLaunchAtOnce() throws Exception {
        JobFiles files = newJob();
        Process starter = new ProcessBuilder("sh", "-c", "exit 1").start();
        starter.waitFor();

        assertThatThrownBy(() -> WrapperLauncher.notedPid(starter, files, WrapperLauncher.NOTE_TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessage("the job's wrapper could not be started (exit code 1; see the job's stderr)");
    }
}
