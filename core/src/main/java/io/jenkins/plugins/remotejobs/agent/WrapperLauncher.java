package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code sh} launcher: each job runs under a {@code setsid sh} wrapper of its own, which records
 * its exit status and enforces its timeout and stop escalation (see {@link ShellCommand}).
 */
final class WrapperLauncher implements ProcessLauncher {

    private static final File DEV_NULL = new File("/dev/null");

    /** The stop grace the wrapper enforces, in whole seconds (at least one). */
    private final long graceSeconds;

    WrapperLauncher(long graceSeconds) {
        this.graceSeconds = graceSeconds;
    }

    @Override
    public String unavailableReason(String shell) {
        return ShellCommand.unavailableReason(shell);
    }

    @Override
    public JobProcess start(JobFiles files, LaunchRequest request, Path workDir, long startedAt) throws IOException {
        Path script = files.script(ShellCommand.extension(request.shell()));
        Files.writeString(script, request.script(), StandardCharsets.UTF_8);
        boolean shebang = request.shell().equals("sh") && request.script().startsWith("#!");
        if (shebang) {
            script.toFile().setExecutable(true, true);
        }
        ProcessBuilder pb = new ProcessBuilder(ShellCommand.commandLine(
                        request.shell(), script, files, request.timeoutSeconds(), graceSeconds, shebang))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        files.output(StreamName.STDERR).toFile()));
        JobEnvironment.prepare(pb.environment(), request.env());
        return JobProcess.detached(wrapperPid(pb.start()));
    }

    /**
     * The pid the launcher printed: the wrapper's, started in the background as nobody's child.
     * The end of the launcher's output is the end of the launcher; its exit code is waited for only
     * to explain a launch that printed no pid (the JDK's reaper thread would be one more wake-up on
     * every launch).
     */
    private static long wrapperPid(Process launcher) throws IOException {
        String printed;
        try (var out = launcher.getInputStream()) {
            printed = new String(out.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        try {
            return Long.parseLong(printed);
        } catch (NumberFormatException e) {
            String exit;
            try {
                exit = "exit code " + launcher.waitFor();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                exit = "interrupted while waiting for its exit code";
            }
            throw new IOException("the job's launcher did not start its wrapper (" + exit + "; see the job's stderr)");
        }
    }

    @Override
    public void close() {}
}
