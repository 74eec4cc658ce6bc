package io.jenkins.plugins.remotejobs.supervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything of the portable launcher that differs between operating systems, as values: the files
 * a script becomes, the command line that runs them, how a process is started so that it outlives
 * the agent JVM, and how a job is asked to end. Producing commands rather than running them keeps
 * each implementation checkable byte for byte on any machine; the supervisor and the agent run what
 * they produce.
 */
public interface Platform {

    /** A command to run and the variables to add to its environment. */
    record Spawn(List<String> command, Map<String, String> environment) {
        public Spawn {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    static Platform current() {
        return isWindows() ? new WindowsPlatform() : new PosixPlatform();
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The shells this platform runs jobs in. */
    List<String> shells();

    /** The executable a shell needs on the PATH, to tell a user what is missing. */
    String shellExecutable(String shell);

    /**
     * The files a job's directory gets for its script, by file name, in the bytes each shell reads:
     * the script itself and, where the shell needs one, what starts it in {@code workDir}.
     */
    Map<String, byte[]> scriptFiles(String shell, String script, Path workDir);

    /** The job's root process: started by the supervisor in {@link #rootDirectory}. */
    List<String> rootCommand(String shell, Path jobDir, boolean shebang);

    /** Where the root process starts. */
    Path rootDirectory(Path jobDir, Path workDir);

    /** The {@code java} the supervisor runs on: the agent's own, without a console where that matters. */
    Path java(Path javaHome);

    /**
     * Starts {@code command} in {@code directory} so that it is nobody's child in the starting JVM's
     * process tree and carries none of its process groups or job objects; the spawn ends as soon
     * as {@code command} has started.
     */
    Spawn detached(List<String> command, Path directory);

    /**
     * How to ask a job to end before it is killed; {@code null} where a signal to each process of
     * the tree does it ({@link ProcessHandle#destroy}).
     */
    Spawn interrupt(long rootPid);
}
