package io.jenkins.plugins.remotejobs.supervisor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows: every job's root is {@code cmd.exe /d /c run.cmd} in the job's directory. {@code run.cmd}
 * switches the job's own (hidden) console to UTF-8, goes to the working directory and runs the
 * shell; as cmd's exit code is the supervisor's to read, {@code exit} with or without {@code /b}
 * gives the script's code with no second {@code cmd /c}. The supervisor is started through
 * {@code Win32_Process.Create}, whose processes belong to no job object of the caller and whose
 * parent is not the agent JVM, so neither the agent service's tree walk (WinSW) nor an SSH
 * session's kill-on-close job reaches the jobs. A graceful stop is Ctrl+C to the job's console,
 * from a helper that attaches to it; PowerShell carries both helpers, so nothing native is shipped.
 */
final class WindowsPlatform implements Platform {

    static final String RUN_FILE = "run.cmd";

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The command line and directory come in the environment: no quoting between here and WMI. */
    static final String DETACH_SCRIPT = String.join(
            "\n",
            "$ErrorActionPreference = 'Stop'",
            "$r = Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments @{"
                    + " CommandLine = $env:REMOTE_JOBS_COMMAND; CurrentDirectory = $env:REMOTE_JOBS_DIRECTORY }",
            "if ($r.ReturnValue -ne 0) { [Console]::Error.WriteLine('Win32_Process.Create returned '"
                    + " + $r.ReturnValue); exit 1 }",
            "exit 0");

    /**
     * Ctrl+C reaches every process on one console; this helper leaves its own, joins the job's,
     * ignores the event itself, and sends it. The supervisor has no console of its own, so it is
     * never among those reached.
     */
    static final String CTRL_C_SCRIPT = String.join(
            "\n",
            "$k = Add-Type -PassThru -Namespace RemoteJobs -Name Console -MemberDefinition '"
                    + "[DllImport(\"kernel32.dll\")] public static extern bool FreeConsole();"
                    + " [DllImport(\"kernel32.dll\")] public static extern bool AttachConsole(uint pid);"
                    + " [DllImport(\"kernel32.dll\")] public static extern bool SetConsoleCtrlHandler(System.IntPtr h, bool add);"
                    + " [DllImport(\"kernel32.dll\")] public static extern bool GenerateConsoleCtrlEvent(uint e, uint g);'",
            "[void]$k::FreeConsole()",
            "if (-not $k::AttachConsole([uint32]$env:REMOTE_JOBS_PID)) { exit 2 }",
            "[void]$k::SetConsoleCtrlHandler([System.IntPtr]::Zero, $true)",
            "if (-not $k::GenerateConsoleCtrlEvent(0, 0)) { exit 3 }",
            "exit 0");

    @Override
    public List<String> shells() {
        return List.of("bat", "powershell", "pwsh");
    }

    @Override
    public String shellExecutable(String shell) {
        return switch (shell) {
            case "bat" -> "cmd.exe";
            case "pwsh" -> "pwsh.exe";
            default -> "powershell.exe";
        };
    }

    @Override
    public Map<String, byte[]> scriptFiles(String shell, String script, Path workDir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        switch (shell) {
            case "bat" -> files.put("script.bat", crlf(script).getBytes(StandardCharsets.UTF_8));
            // Windows PowerShell reads a script without a BOM in the ANSI code page; pwsh reads UTF-8.
            case "powershell" -> files.put("script.ps1", withBom(script.getBytes(StandardCharsets.UTF_8)));
            default -> files.put("script.ps1", script.getBytes(StandardCharsets.UTF_8));
        }
        files.put(RUN_FILE, runFile(shell, workDir).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /**
     * {@code run.cmd}: CRLF, no BOM (it would break the first line); {@code %} in the directory
     * doubled, since a batch file expands it; quotes keep {@code & ^ ( )} and spaces literal.
     */
    static String runFile(String shell, Path workDir) {
        String shellLine = switch (shell) {
            case "bat" -> "call \"%~dp0script.bat\"";
            case "pwsh" -> "pwsh.exe -NoLogo -NoProfile -NonInteractive -File \"%~dp0script.ps1\"";
            default ->
                "powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass"
                        + " -File \"%~dp0script.ps1\"";
        };
        return String.join(
                "\r\n",
                "@echo off",
                "chcp 65001 >nul",
                "cd /d \"" + workDir.toString().replace("%", "%%") + "\" || exit 1",
                shellLine,
                "exit %ERRORLEVEL%",
                "");
    }

    @Override
    public List<String> rootCommand(String shell, Path jobDir, boolean shebang) {
        // A name relative to the root's directory: the JDK has nothing to quote, cmd nothing to parse.
        return List.of("cmd.exe", "/d", "/c", RUN_FILE);
    }

    @Override
    public Path rootDirectory(Path jobDir, Path workDir) {
        return jobDir;
    }

    @Override
    public Path java(Path javaHome) {
        return javaHome.resolve("bin").resolve("javaw.exe");
    }

    @Override
    public Spawn detached(List<String> command, Path directory) {
        Map<String, String> env = Map.of(
                "REMOTE_JOBS_COMMAND", WindowsCommandLine.join(command),
                "REMOTE_JOBS_DIRECTORY", directory.toString());
        return new Spawn(powershell(DETACH_SCRIPT), env);
    }

    @Override
    public Spawn interrupt(long rootPid) {
        return new Spawn(powershell(CTRL_C_SCRIPT), Map.of("REMOTE_JOBS_PID", Long.toString(rootPid)));
    }

    /** A script as {@code -EncodedCommand} (UTF-16LE, base64): nothing in it is quoted or parsed by cmd. */
    static List<String> powershell(String script) {
        ByteBuffer utf16 = StandardCharsets.UTF_16LE.encode(script);
        byte[] bytes = new byte[utf16.remaining()];
        utf16.get(bytes);
        return List.of(
                "powershell.exe",
                "-NoLogo",
                "-NoProfile",
                "-NonInteractive",
                "-ExecutionPolicy",
                "Bypass",
                "-EncodedCommand",
                Base64.getEncoder().encodeToString(bytes));
    }

    static String crlf(String script) {
        return script.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static byte[] withBom(byte[] bytes) {
        byte[] out = new byte[UTF8_BOM.length + bytes.length];
        System.arraycopy(UTF8_BOM, 0, out, 0, UTF8_BOM.length);
        System.arraycopy(bytes, 0, out, UTF8_BOM.length, bytes.length);
        return out;
    }
}
