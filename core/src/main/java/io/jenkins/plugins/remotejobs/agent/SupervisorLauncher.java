package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.supervisor.LaunchOrder;
import io.jenkins.plugins.remotejobs.supervisor.Platform;
import io.jenkins.plugins.remotejobs.supervisor.SupervisorConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code portable} launcher: the cache's supervisor starts each job as its child and looks after
 * it (see {@link io.jenkins.plugins.remotejobs.supervisor.JobSupervisor}). The job's environment is
 * computed here, as for the wrapper, and handed over the supervisor's socket, never written down.
 */
final class SupervisorLauncher implements ProcessLauncher {

    /** Time for the supervisor's JVM to start on a loaded machine (it usually takes a fraction of a second). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final long graceMillis;
    private final SupervisorConnection supervisor;
    private final Platform platform;
    private final Path root;

    SupervisorLauncher(Path root, long graceMillis) {
        this.root = root;
        this.graceMillis = graceMillis;
        this.supervisor = new SupervisorConnection(root, JobEnvironment.KILL_COOKIES, START_TIMEOUT);
        this.platform = supervisor.platform();
    }

    @Override
    public String unavailableReason(String shell) {
        if (!platform.shells().contains(shell)) {
            return switch (shell) {
                case "bat" -> "shell 'bat' needs a Windows agent";
                case "sh" ->
                    "shell 'sh' needs a Linux or other POSIX agent; on Windows use "
                            + String.join(", ", platform.shells());
                default ->
                    "shell '" + shell + "' is not available on this agent; allowed: "
                            + String.join(", ", platform.shells());
            };
        }
        if (Platform.isWindows() && shell.equals("bat") && root.toString().indexOf('^') >= 0) {
            return "shell 'bat' cannot run from a job cache whose path holds '^' (cmd's call doubles it): " + root;
        }
        if (!Platform.isWindows() && !ShellCommand.onPath("setsid")) {
            return "this agent has no 'setsid' command, needed to run jobs detached";
        }
        String binary = platform.shellExecutable(shell);
        if (!ShellCommand.onPath(binary)) {
            return "shell '" + shell + "' is not installed on this agent (" + binary + " not found on PATH)";
        }
        return null;
    }

    @Override
    public JobProcess start(JobFiles files, LaunchRequest request, Path workDir, long startedAt) throws IOException {
        for (Map.Entry<String, byte[]> file :
                platform.scriptFiles(request.shell(), request.script(), workDir).entrySet()) {
            Files.write(files.dir().resolve(file.getKey()), file.getValue());
        }
        boolean shebang = request.shell().equals("sh") && request.script().startsWith("#!");
        if (shebang) {
            files.script(".sh").toFile().setExecutable(true, true);
        }
        Files.write(files.output(StreamName.STDERR), new byte[0]);
        Map<String, String> env = new HashMap<>(System.getenv());
        JobEnvironment.prepare(env, request.env());
        supervisor.start(new LaunchOrder(
                platform.rootCommand(request.shell(), files.dir(), shebang),
                platform.rootDirectory(files.dir(), workDir).toString(),
                env,
                files.output(StreamName.STDOUT).toString(),
                files.output(StreamName.STDERR).toString(),
                files.process().toString(),
                files.exit().toString(),
                files.timedOut().toString(),
                files.stopRequest().toString(),
                startedAt,
                request.timeoutSeconds(),
                graceMillis));
        JobProcess process = JobProcess.recorded(files);
        if (process == null) {
            throw new IOException("the job supervisor started the job but its process record is missing");
        }
        return process;
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
