package io.jenkins.plugins.remotejobs.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes and argument vectors the Windows pieces produce, checked on any machine: what
 * Windows makes of them is the Windows lane's to check ({@code WindowsJobsTest}).
 */
@Tag("windows")
class WindowsPlatformTest {

    private final WindowsPlatform windows = new WindowsPlatform();
    private final Path workDir = Path.of("C:\\build dir\\100% & ^ (x) é");

    @Test
    void runCmdSwitchesToUtf8EntersTheWorkingDirectoryWithPercentDoubledAndReturnsTheScriptsCode() {
        String bat = text(windows.scriptFiles("bat", "echo hi", workDir).get("run.cmd"));

        assertThat(bat)
                .isEqualTo("@echo off\r\n"
                        + "chcp 65001 >nul\r\n"
                        + "cd /d \"C:\\build dir\\100%% & ^ (x) é\" || exit 1\r\n"
                        + "call \"%~dp0script.bat\"\r\n"
                        + "exit %ERRORLEVEL%\r\n");
    }

    @Test
    void eachShellHasItsOwnLineInRunCmd() {
        assertThat(text(windows.scriptFiles("powershell", "x", workDir).get("run.cmd")))
                .contains("\r\npowershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass"
                        + " -File \"%~dp0script.ps1\"\r\n");
        assertThat(text(windows.scriptFiles("pwsh", "x", workDir).get("run.cmd")))
                .contains("\r\npwsh.exe -NoLogo -NoProfile -NonInteractive -File \"%~dp0script.ps1\"\r\n");
    }

    @Test
    void runCmdHasNoByteOrderMarkSoItsFirstLineStaysACommand() {
        byte[] run = windows.scriptFiles("bat", "x", workDir).get("run.cmd");

        assertThat(new String(run, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("@echo off");
    }

    @Test
    void aBatchScriptGetsCrlfLineEndsInUtf8WithoutBom() {
        Map<String, byte[]> files = windows.scriptFiles("bat", "echo é\nexit /b 3\r\necho end", workDir);

        assertThat(files.keySet()).containsExactly("script.bat", "run.cmd");
        assertThat(files.get("script.bat"))
                .isEqualTo("echo é\r\nexit /b 3\r\necho end".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void windowsPowerShellGetsItsScriptWithABomAndPwshWithout() {
        byte[] ps =
                windows.scriptFiles("powershell", "Write-Output 'é'", workDir).get("script.ps1");
        byte[] pwsh = windows.scriptFiles("pwsh", "Write-Output 'é'", workDir).get("script.ps1");

        assertThat(ps).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(ps, 3, ps.length - 3, StandardCharsets.UTF_8)).isEqualTo("Write-Output 'é'");
        assertThat(pwsh).isEqualTo("Write-Output 'é'".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRootIsCmdRunningRunCmdByARelativeNameInTheJobsDirectory() {
        Path jobDir = Path.of("C:\\agent\\cache\\1234");

        assertThat(windows.rootCommand("powershell", jobDir, false)).containsExactly("cmd.exe", "/d", "/c", "run.cmd");
        assertThat(windows.rootDirectory(jobDir, workDir)).isEqualTo(jobDir);
        assertThat(windows.java(Path.of("C:\\jdk")).getFileName().toString()).isEqualTo("javaw.exe");
    }

    @Test
    void theSupervisorStartsThroughWmiWithItsCommandLineInTheEnvironment() {
        Platform.Spawn spawn =
                windows.detached(List.of("C:\\Program Files\\jdk\\bin\\javaw.exe", "-cp", "a b.jar"), Path.of("C:\\c"));

        assertThat(spawn.command().subList(0, 7))
                .containsExactly(
                        "powershell.exe",
                        "-NoLogo",
                        "-NoProfile",
                        "-NonInteractive",
                        "-ExecutionPolicy",
                        "Bypass",
                        "-EncodedCommand");
        assertThat(decoded(spawn.command().get(7))).isEqualTo(WindowsPlatform.DETACH_SCRIPT);
        assertThat(WindowsPlatform.DETACH_SCRIPT)
                .contains("Invoke-CimMethod -ClassName Win32_Process -MethodName Create")
                .contains("$env:REMOTE_JOBS_COMMAND");
        assertThat(spawn.environment())
                .containsEntry("REMOTE_JOBS_COMMAND", "\"C:\\Program Files\\jdk\\bin\\javaw.exe\" -cp \"a b.jar\"")
                .containsEntry("REMOTE_JOBS_DIRECTORY", "C:\\c");
    }

    @Test
    void aGracefulStopIsCtrlCToTheRootsConsoleFromAHelperThatIgnoresIt() {
        Platform.Spawn spawn = windows.interrupt(4242);

        assertThat(spawn.environment()).containsExactly(Map.entry("REMOTE_JOBS_PID", "4242"));
        String script = decoded(spawn.command().get(spawn.command().size() - 1));
        assertThat(script)
                .isEqualTo(WindowsPlatform.CTRL_C_SCRIPT)
                .containsSubsequence(
                        "FreeConsole()",
                        "AttachConsole([uint32]$env:REMOTE_JOBS_PID)",
                        "SetConsoleCtrlHandler([System.IntPtr]::Zero, $true)",
                        "GenerateConsoleCtrlEvent(0, 0)");
    }

    @Test
    void theShellsAreWindowsOnes() {
        assertThat(windows.shells()).containsExactly("bat", "powershell", "pwsh");
        assertThat(windows.shellExecutable("bat")).isEqualTo("cmd.exe");
        assertThat(windows.shellExecutable("powershell")).isEqualTo("powershell.exe");
        assertThat(windows.shellExecutable("pwsh")).isEqualTo("pwsh.exe");
    }

    private static String decoded(String encodedCommand) {
        return new String(Base64.getDecoder().decode(encodedCommand), StandardCharsets.UTF_16LE);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
