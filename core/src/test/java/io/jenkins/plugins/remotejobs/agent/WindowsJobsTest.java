package io.jenkins.plugins.remotejobs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real {@code cmd.exe}, {@code powershell.exe} and {@code pwsh.exe} jobs under the portable
 * launcher, the default on Windows: exit codes as each shell defines them, UTF-8 output whatever
 * the console code page, awkward working directories, separate streams, a graceful stop that is
 * Ctrl+C, a stop that reaches an orphaned grandchild, and a job that outlives an agent JVM killed
 * as {@code taskkill /F /T} kills it. Runs on the Windows lane only.
 */
@Tag("windows")
@EnabledOnOs(
        value = OS.WINDOWS,
        disabledReason = "needs cmd.exe, powershell.exe and Windows consoles; runs on the Windows lane"
                + " (.github/workflows/ci.yml, the Jenkinsfile's windows configuration)")
class WindowsJobsTest {

    private static final Duration LONG = Duration.ofSeconds(120);

    @RegisterExtension
    final OneJobCache agent = OneJobCache.withStopGrace(Duration.ofSeconds(3));

    @ParameterizedTest(name = "{0}: {1} gives {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bat        | exit /b 3                          | 3",
                "bat        | exit 4                             | 4",
                "bat        | cmd /c exit 42\nexit /b            | 42",
                "bat        | echo fine                          | 0",
                "powershell | exit 5                             | 5",
                "powershell | throw 'boom'                       | 1",
                "powershell | Write-Output fine                  | 0",
            })
    void theExitCodeIsTheScripts(String shell, String script, int code) throws IOException {
        JobStatus end = runToEnd(request(shell, script.replace("\\n", "\n"), null));

        assertThat(end.exitCode()).isEqualTo(code);
        assertThat(end.state()).isEqualTo(code == 0 ? AgentJobState.COMPLETED : AgentJobState.FAILED);
    }

    @Test
    void pwshGivesItsExitCodeToo() throws IOException {
        assumeThat(ShellCommand.onPath("pwsh.exe")).as("PowerShell 7 installed").isTrue();

        assertThat(runToEnd(request("pwsh", "exit 6", null)).exitCode()).isEqualTo(6);
    }

    @Test
    void outputIsUtf8WhateverTheConsoleCodePage() throws IOException {
        LaunchRequest bat = request("bat", "echo é€ü", null);
        LaunchRequest ps = request("powershell", "Write-Output 'é€ü'", null);
        runToEnd(bat);
        runToEnd(ps);

        assertThat(stdout(bat)).contains("é€ü");
        assertThat(stdout(ps)).contains("é€ü");
    }

    @Test
    void aWorkingDirectoryWithSpacesPercentAmpersandCaretAndNonAsciiWorks() throws IOException {
        Path dir = Files.createDirectories(agent.scratch().resolve("a b 100% & ^ é"));
        LaunchRequest bat = request("bat", "cd", dir.toString());
        LaunchRequest ps = request("powershell", "(Get-Location).Path", dir.toString());
        runToEnd(bat);
        runToEnd(ps);

        assertThat(stdout(bat).trim()).isEqualTo(dir.toString());
        assertThat(stdout(ps).trim()).isEqualTo(dir.toString());
    }

    @Test
    void stdoutAndStderrStaySeparate() throws IOException {
        LaunchRequest req = request("bat", "echo out\necho err 1>&2", null);
        runToEnd(req);

        assertThat(stdout(req).trim()).isEqualTo("out");
        assertThat(Files.readString(agent.root().resolve(req.instanceId()).resolve("stderr"), StandardCharsets.UTF_8)
                        .trim())
                .isEqualTo("err");
    }

    @Test
    void aStopIsCtrlCFirstSoTheScriptsFinallyBlockRuns() throws IOException {
        LaunchRequest req = request(
                "powershell",
                "try { Write-Output started; Start-Sleep 300 } finally { Set-Content -Path finally.txt -Value ran }",
                null);
        agent.cache().launch(req);
        await().atMost(LONG).until(() -> stdout(req).contains("started"));

        agent.cache().stop(req.instanceId());

        JobStatus end = agent.awaitEnded(req.instanceId());
        assertThat(end.state()).isEqualTo(AgentJobState.STOPPED);
        assertThat(agent.root().resolve(req.instanceId()).resolve("work/finally.txt"))
                .exists();
    }

    @Test
    void aStopReachesAGrandchildWhoseParentHasExited() throws IOException {
        Instant began = Instant.now();
        LaunchRequest req = request(
                "powershell",
                String.join(
                        "\n",
                        "Start-Process -NoNewWindow -FilePath powershell.exe -ArgumentList '-NoProfile','-Command',"
                                + "'Start-Process -NoNewWindow -FilePath ping.exe -ArgumentList ''-n'',''300'',''127.0.0.1'';"
                                + " Start-Sleep 3'",
                        "Start-Sleep 6",
                        "Write-Output orphaned",
                        "Start-Sleep 300"),
                null);
        agent.cache().launch(req);
        await().atMost(LONG).until(() -> stdout(req).contains("orphaned"));
        ProcessHandle ping = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").toLowerCase().endsWith("ping.exe"))
                .filter(p -> p.info().startInstant().orElse(Instant.MIN).isAfter(began))
                .findFirst()
                .orElseThrow();
        assertThat(ping.parent().filter(ProcessHandle::isAlive))
                .as("its parent has exited")
                .isEmpty();

        agent.cache().stop(req.instanceId());

        await().atMost(LONG).until(() -> !ping.isAlive());
        assertThat(agent.awaitEnded(req.instanceId()).state()).isEqualTo(AgentJobState.STOPPED);
    }

    @Test
    void aJobOutlivesItsAgentJvmKilledWithItsWholeTreeAndRecordsItsExit() throws Exception {
        agent.cache().close();
        String id = JobIds.newInstanceId();
        Process agentJvm = new ProcessBuilder(TestJvm.command(
                        LaunchThenWait.class,
                        agent.root().toString(),
                        id,
                        "bat",
                        "ping -n 6 127.0.0.1 >nul\nexit /b 9"))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(agentJvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("launched")) {
                System.out.println("agent: " + line);
            }
        }
        new ProcessBuilder("taskkill", "/F", "/T", "/PID", Long.toString(agentJvm.pid()))
                .inheritIO()
                .start()
                .waitFor();
        agentJvm.waitFor();
        Path exit = agent.root().resolve(id).resolve("exit");
        assertThat(exit).as("the job has not ended yet").doesNotExist();

        await().atMost(LONG).until(() -> Files.exists(exit));
        agent.reopen();
        JobStatus end = agent.cache().status(id);
        assertThat(end.exitCode()).isEqualTo(9);
    }

    private JobStatus runToEnd(LaunchRequest req) throws IOException {
        agent.cache().launch(req);
        return agent.awaitEnded(req.instanceId());
    }

    private String stdout(LaunchRequest req) throws IOException {
        return Optional.of(agent.root().resolve(req.instanceId()).resolve("stdout"))
                .filter(Files::exists)
                .map(f -> {
                    try {
                        return Files.readString(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .orElse("");
    }

    private static LaunchRequest request(String shell, String script, String dir) {
        return new LaunchRequest(JobIds.newInstanceId(), "windows", shell, script, dir, List.of(), 0, false);
    }
}
