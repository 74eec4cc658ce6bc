package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Starts agent JVMs for one run of the local host. Each agent named {@code <name>} lives in
 * {@code <home>/agents/<name>/}: its job cache in {@code cache/}, its workspace in {@code workspace/},
 * its log (standard error, appended across restarts) in {@code agent.log}.
 *
 * <p>An agent runs {@code java.home}'s {@code java} with this JVM's class path, a small fast-starting
 * heap, and the environment of this JVM unchanged; its name and home show on its command line, the
 * secret only on its standard input. The job launcher this JVM's {@link JobCache#LAUNCHER_PROPERTY}
 * names is the agents' too. Immutable; the {@code with...} methods return a changed copy.
 */
public final class AgentLauncher {

    /** How long an agent may take from start to its ready line unless told otherwise. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            // JVM warnings belong in the agent's log, not among the lines the controller parses.
            "-XX:+DisplayVMOutputToStderr");

    private final Path home;
    private final AgentSecret secret;
    private final String mainClass;
    private final Duration readyTimeout;

    /** A launcher for agents under {@code home}, sharing {@code secret}, running {@link AgentMain}. */
    public AgentLauncher(Path home, AgentSecret secret) {
        this(home.toAbsolutePath().normalize(), secret, AgentMain.class.getName(), DEFAULT_READY_TIMEOUT);
    }

    private AgentLauncher(Path home, AgentSecret secret, String mainClass, Duration readyTimeout) {
        this.home = home;
        this.secret = Objects.requireNonNull(secret);
        this.mainClass = Objects.requireNonNull(mainClass);
        this.readyTimeout = Objects.requireNonNull(readyTimeout);
    }

    /**
     * The same launcher running another main class, which must behave as {@link AgentMain} does
     * (typically by calling {@link AgentMain#run} with another cache).
     */
    public AgentLauncher withMainClass(String mainClass) {
        return new AgentLauncher(home, secret, mainClass, readyTimeout);
    }

    /** The same launcher with another limit on the time from start to ready line. */
    public AgentLauncher withReadyTimeout(Duration readyTimeout) {
        return new AgentLauncher(home, secret, mainClass, readyTimeout);
    }

    public Path home() {
        return home;
    }

    public Duration readyTimeout() {
        return readyTimeout;
    }

    public Path agentDirectory(String name) {
        return home.resolve("agents").resolve(AgentOptions.requireValidName(name));
    }

    public Path cacheRoot(String name) {
        return agentDirectory(name).resolve("cache");
    }

    public Path workspace(String name) {
        return agentDirectory(name).resolve("workspace");
    }

    public Path logFile(String name) {
        return agentDirectory(name).resolve("agent.log");
    }

    /** The agent's full command line; it holds nothing secret. */
    public List<String> command(String name) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-Dremotejobs.agent=" + AgentOptions.requireValidName(name));
        String jobLauncher = System.getProperty(JobCache.LAUNCHER_PROPERTY);
        if (jobLauncher != null) {
            // How the agent starts its jobs is the agent JVM's setting, as on a Jenkins agent.
            command.add("-D" + JobCache.LAUNCHER_PROPERTY + "=" + jobLauncher);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(
                "--name",
                name,
                "--home",
                home.toString(),
                "--root",
                cacheRoot(name).toString()));
        return command;
    }

    /**
     * Starts the agent and hands it the secret; returns at once. Its {@link AgentProcess#ready()}
     * completes with a client once the agent is ready, or fails if it exits first or takes longer
     * than the ready timeout (the process is then killed).
     *
     * @throws IOException if its directories cannot be made or the JVM cannot be started
     */
    public AgentProcess start(String name) throws IOException {
        Files.createDirectories(cacheRoot(name));
        Files.createDirectories(workspace(name));
        File log = logFile(name).toFile();
        Process process = new ProcessBuilder(command(name))
                .directory(agentDirectory(name).toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(log))
                .start();
        return AgentProcess.started(name, process, secret, logFile(name), readyTimeout);
    }
}
