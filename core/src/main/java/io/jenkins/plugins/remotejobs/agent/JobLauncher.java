package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Creates a job's directory and starts its detached wrapper; and, after an agent restart, rebuilds
 * a job from what its directory holds. The order of writes is what makes a crash at any point
 * readable later: what was asked ({@code job.properties}) first, then the process, then its pid.
 */
final class JobLauncher {

    private static final File DEV_NULL = new File("/dev/null");

    private final JobEvents events;
    /** The stop grace the wrapper enforces, in whole seconds (at least one). */
    private final long graceSeconds;

    JobLauncher(JobEvents events, java.time.Duration stopGrace) {
        this.events = events;
        this.graceSeconds = Math.max(1, (stopGrace.toMillis() + 999) / 1000);
    }

    CachedJob launch(JobFiles files, LaunchRequest request) throws IOException {
        Properties meta = new Properties();
        meta.setProperty("instanceId", request.instanceId());
        meta.setProperty("name", request.name());
        meta.setProperty("command", LaunchRequest.commandOf(request.script()));
        meta.setProperty("shell", request.shell());
        if (request.dir() != null) {
            meta.setProperty("dir", request.dir());
        }
        meta.setProperty("keepOnAgent", Boolean.toString(request.keepOnAgent()));
        meta.setProperty("timeoutSeconds", Long.toString(request.timeoutSeconds()));
        meta.setProperty("startedAt", Long.toString(System.currentTimeMillis()));
        record(files, meta);
        CachedJob job = new CachedJob(request.instanceId(), files, meta, null, null, null);

        String refused = refusal(request);
        if (refused != null) {
            job.finish(AgentJobState.FAILED, null, "launch failed: " + refused);
            return job;
        }
        try {
            Path script = files.script(ShellCommand.extension(request.shell()));
            Files.writeString(script, request.script(), StandardCharsets.UTF_8);
            boolean shebang = request.shell().equals("sh") && request.script().startsWith("#!");
            if (shebang) {
                script.toFile().setExecutable(true, true);
            }
            Path workDir = request.dir() != null ? Path.of(request.dir()) : Files.createDirectory(files.work());
            // Both streams exist before the launch returns (stderr is opened below, stdout by the
            // wrapper's own redirection, in the background): so nothing appears in the job's
            // directory afterwards, and a removal right after the launch deletes all of it.
            Files.write(
                    files.output(StreamName.STDOUT),
                    new byte[0],
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(ShellCommand.commandLine(
                            request.shell(), script, files, request.timeoutSeconds(), graceSeconds, shebang))
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            files.output(StreamName.STDERR).toFile()));
            JobEnvironment.prepare(pb.environment(), request.env());
            JobProcess started = JobProcess.detached(wrapperPid(pb.start()));
            Properties pid = new Properties();
            pid.setProperty("pid", Long.toString(started.pid()));
            pid.setProperty("startMillis", Long.toString(started.startMillis()));
            if (started.startTicks() >= 0) {
                pid.setProperty("startTicks", Long.toString(started.startTicks()));
            }
            AtomicFiles.writeProperties(files.process(), pid);
            job.attach(started);
        } catch (IOException e) {
            String hint = NoSpaceHint.of(files);
            job.finish(
                    AgentJobState.FAILED, null, "launch failed: " + e.getMessage() + (hint == null ? "" : "; " + hint));
        }
        return job;
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

    /**
     * Creates the job's directory (or takes over one that a crash left without its {@code
     * job.properties}) and records what was asked. When even that cannot be written, nothing of the
     * job is left behind and the launch is refused, so that a retry starts afresh.
     */
    private static void record(JobFiles files, Properties meta) throws JobCacheException {
        try {
            Files.createDirectories(files.dir());
            AtomicFiles.writeProperties(files.meta(), meta);
        } catch (IOException e) {
            try {
                AtomicFiles.deleteTree(files.dir());
            } catch (IOException ignored) {
                // a directory without job.properties is skipped when the cache is opened
            }
            String hint = NoSpaceHint.of(files.dir().getParent());
            throw new JobCacheException(
                    JobCacheException.Kind.STORAGE,
                    "cannot create the job's directory in the agent's job cache (" + e.getMessage() + ")"
                            + (hint == null ? "" : "; " + hint));
        }
    }

    /** Why the agent refuses to start this request, or {@code null}. */
    private static String refusal(LaunchRequest request) {
        String shell = ShellCommand.unavailableReason(request.shell());
        if (shell != null) {
            return shell;
        }
        if (request.timeoutSeconds() < 0) {
            return "timeout must not be negative, got " + request.timeoutSeconds();
        }
        if (request.dir() != null) {
            if (request.dir().indexOf('\0') >= 0) {
                return "working directory must not contain a NUL character";
            }
            Path dir = Path.of(request.dir());
            if (!dir.isAbsolute()) {
                return "working directory '" + request.dir() + "' must be an absolute path on the agent";
            }
            if (!Files.isDirectory(dir)) {
                return "working directory '" + request.dir() + "' does not exist on this agent";
            }
        }
        for (String kv : request.env()) {
            if (kv == null || kv.indexOf('=') <= 0) {
                return "environment entries must look like NAME=value";
            }
            if (kv.indexOf('\0') >= 0) {
                // No operating system passes a NUL through; ProcessBuilder would refuse it later.
                return "environment entries must not contain a NUL character";
            }
        }
        return null;
    }

    /** Rebuilds a job from its directory; {@code null} for a directory that holds no job. */
    CachedJob reload(JobFiles files, String instanceId) throws IOException {
        Properties meta = AtomicFiles.readProperties(files.meta());
        if (meta == null) {
            return null;
        }
        Properties end = AtomicFiles.readProperties(files.end());
        Properties pid = AtomicFiles.readProperties(files.process());
        JobProcess process = pid == null
                ? LaunchedWrapper.find(files)
                : new JobProcess(
                        Long.parseLong(pid.getProperty("pid")),
                        Long.parseLong(pid.getProperty("startMillis")),
                        Long.parseLong(pid.getProperty("startTicks", "-1")));
        Properties stop = AtomicFiles.readProperties(files.stopRequest());
        return new CachedJob(instanceId, files, meta, process, end, stop);
    }
}
