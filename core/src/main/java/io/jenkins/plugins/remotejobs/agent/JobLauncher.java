package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Creates a job's directory and starts its detached wrapper; and, after an agent restart, rebuilds
 * a job from what its directory holds. The order of writes is what makes a crash at any point
 * readable later: what was asked ({@code job.properties}) first, then the process, then its pid.
 */
final class JobLauncher {

    private final ProcessLauncher starter;

    JobLauncher(ProcessLauncher starter) {
        this.starter = starter;
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
            Path workDir = request.dir() != null ? Path.of(request.dir()) : Files.createDirectory(files.work());
            // Both streams exist before the launch returns, so nothing appears in the job's
            // directory afterwards, and a removal right after the launch deletes all of it.
            Files.write(
                    files.output(StreamName.STDOUT),
                    new byte[0],
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            JobProcess started = starter.start(files, request, workDir, job.startedAt());
            if (started.keeper() == null) {
                Properties pid = new Properties();
                pid.setProperty("pid", Long.toString(started.pid()));
                pid.setProperty("startMillis", Long.toString(started.startMillis()));
                if (started.startTicks() >= 0) {
                    pid.setProperty("startTicks", Long.toString(started.startTicks()));
                }
                AtomicFiles.writeProperties(files.process(), pid);
            }
            job.attach(started);
        } catch (IOException e) {
            String hint = NoSpaceHint.of(files);
            job.finish(
                    AgentJobState.FAILED, null, "launch failed: " + e.getMessage() + (hint == null ? "" : "; " + hint));
        }
        return job;
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
    private String refusal(LaunchRequest request) {
        if (!ShellCommand.SHELLS.contains(request.shell())) {
            return "unknown shell '" + request.shell() + "'; allowed: " + String.join(", ", ShellCommand.SHELLS);
        }
        String shell = starter.unavailableReason(request.shell());
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
        JobProcess recorded = JobProcess.recorded(files);
        JobProcess process = recorded == null ? LaunchedWrapper.find(files) : recorded;
        Properties stop = AtomicFiles.readProperties(files.stopRequest());
        return new CachedJob(instanceId, files, meta, process, end, stop);
    }
}
