package io.jenkins.plugins.remotejobs.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The argument vectors of the POSIX pieces. */
@Tag("windows")
class PosixPlatformTest {

    private final PosixPlatform posix = new PosixPlatform();
    private final Path jobDir = Path.of("/cache/job 1");

    @Test
    void aShellScriptRunsUnderShUnlessItHasAShebangInASessionOfItsOwn() {
        assertThat(posix.rootCommand("sh", jobDir, false)).containsExactly("setsid", "sh", "/cache/job 1/script.sh");
        assertThat(posix.rootCommand("sh", jobDir, true)).containsExactly("setsid", "/cache/job 1/script.sh");
    }

    @Test
    void powerShellRunsTheScriptFileWithoutProfileOrPrompts() {
        assertThat(posix.rootCommand("pwsh", jobDir, false))
                .containsExactly(
                        "setsid",
                        "pwsh",
                        "-NoLogo",
                        "-NoProfile",
                        "-NonInteractive",
                        "-File",
                        "/cache/job 1/script.ps1");
    }

    @Test
    void theScriptIsWrittenAsItIsAndRunsInTheWorkingDirectory() {
        var files = posix.scriptFiles("sh", "echo é\r\n", Path.of("/w"));
        assertThat(files).containsOnlyKeys("script.sh");
        assertThat(files.get("script.sh")).isEqualTo("echo é\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(posix.rootDirectory(jobDir, Path.of("/w"))).isEqualTo(Path.of("/w"));
    }

    @Test
    void aDetachedStartIsANewSessionInTheBackgroundOfAShellThatExitsAtOnce() {
        Platform.Spawn spawn = posix.detached(List.of("/jdk/bin/java", "-cp", "a b.jar"), Path.of("/c"));

        assertThat(spawn.command())
                .containsExactly(
                        "sh",
                        "-c",
                        "setsid \"$@\" </dev/null >/dev/null 2>&1 &",
                        "remote-jobs-detach",
                        "/jdk/bin/java",
                        "-cp",
                        "a b.jar");
        assertThat(spawn.environment()).isEmpty();
        assertThat(posix.interrupt(1)).as("TERM to each process").isNull();
    }
}
