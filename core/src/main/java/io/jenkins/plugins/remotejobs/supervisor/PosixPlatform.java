package io.jenkins.plugins.remotejobs.supervisor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linux and other POSIX systems: scripts as they are, {@code sh} or PowerShell started in the
 * job's working directory, a new session ({@code setsid}) for whatever must outlive the agent, and
 * TERM for a graceful stop.
 */
final class PosixPlatform implements Platform {

    /**
     * $1.. the command. {@code setsid} makes the background command a session leader of its own in
     * place; the launching shell exits at once, so the command is nobody's child in the agent's tree.
     */
    private static final String DETACH = "setsid \"$@\" </dev/null >/dev/null 2>&1 &";

    @Override
    public List<String> shells() {
        return List.of("sh", "powershell", "pwsh");
    }

    @Override
    public String shellExecutable(String shell) {
        return shell;
    }

    @Override
    public Map<String, byte[]> scriptFiles(String shell, String script, Path workDir) {
        return Map.of(scriptName(shell), script.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<String> rootCommand(String shell, Path jobDir, boolean shebang) {
        String script = jobDir.resolve(scriptName(shell)).toString();
        // setsid: the root leads a session of its own (in place: a child of the supervisor leads no
        // group), so that a stop reaches what the job moved into groups of their own, as with sh.
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        if (!shell.equals("sh")) {
            cmd.addAll(List.of(shell, "-NoLogo", "-NoProfile", "-NonInteractive", "-File"));
        } else if (!shebang) {
            cmd.add("sh");
        }
        cmd.add(script);
        return cmd;
    }

    @Override
    public Path rootDirectory(Path jobDir, Path workDir) {
        return workDir;
    }

    @Override
    public Path java(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    @Override
    public Spawn detached(List<String> command, Path directory) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", DETACH, "remote-jobs-detach"));
        cmd.addAll(command);
        return new Spawn(cmd, Map.of());
    }

    @Override
    public Spawn interrupt(long rootPid) {
        return null;
    }

    private static String scriptName(String shell) {
        return shell.equals("sh") ? "script.sh" : "script.ps1";
    }
}
