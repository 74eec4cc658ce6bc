package io.jenkins.plugins.remotejobs.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How each supported shell runs a script file, and the detached wrapper around it. The wrapper is
 * one {@code sh} in a new session (so it and everything it starts form one process group that
 * outlives the agent JVM); it runs the script, then records the exit status itself.
 *
 * <p>The agent JVM does not start the wrapper as its child: {@code setsid -f} forks it and exits
 * (or, where {@code setsid} cannot fork by itself, a launcher {@code sh} starts it in the
 * background and exits), so the wrapper is nobody's child in the agent's process tree. Jenkins
 * kills an agent's whole process tree when it disconnects an agent it launched by a command (and
 * at controller shutdown); a job that is no descendant of the agent and carries none of Jenkins'
 * kill cookies (see {@link JobEnvironment}) outlives that, as the {@code sh} step does. Each
 * process saved counts: starting one costs milliseconds, and a launch is mostly process starts.
 *
 * <p>The wrapper is also the job's supervisor, so that control needs no agent JVM: it enforces the
 * job's timeout (a sleeper that writes the timed-out marker and sends TERM to the group) and the
 * stop escalation (whoever sends TERM to the group, the agent or the sleeper, the wrapper answers
 * with a killer that sends KILL to the session and the group after the grace period). Both hold
 * while no agent JVM runs, and across agent restarts and reconnects.
 */
final class ShellCommand {

    private static final File DEV_NULL = new File("/dev/null");

    static final List<String> SHELLS = List.of("sh", "bat", "powershell", "pwsh");

    /**
     * $1 where to note the wrapper's pid, $2 the exit status file, $3 the timed-out marker, $4 the
     * timeout in seconds (0: none), $5 the stop grace in seconds, then the command. Paths are
     * positional parameters, never spliced in.
     *
     * <ul>
     *   <li>The wrapper notes its own pid before anything else (a shell builtin: no process more):
     *       the agent learns it from there, and an agent that dies before recording it finds the
     *       running wrapper again ({@link LaunchedWrapper}). A wrapper that cannot note it (a launch
     *       that gave up waiting noted there first: {@code set -C} never overwrites) runs nothing:
     *       a job recorded as failed must not run.
     *   <li>The wrapper's own stderr is {@code /dev/null} (the job's stderr stays on fd 3 for the
     *       command alone): {@code sh} reports a child ended by a signal ("Terminated") on its
     *       stderr, and nothing but the script may write the script's streams.
     *   <li>TERM (a stop, or the timeout) makes the wrapper ignore further TERMs, cancel the
     *       timeout, and start the killer: after the grace period, KILL to every member of the
     *       session ({@code pkill -s}, where there is one) and to the group ({@code kill 0}).
     *   <li>The timeout sleeper ignores TERM; USR1 cancels it: the trap only sets a flag, checked
     *       once the sleep's pid is known, so a USR1 that comes at any moment kills its own sleep
     *       (which ignores TERM too); on expiry it writes the marker (unless the job has just
     *       ended) and sends TERM to the group.
     *   <li>{@code wait} returns early when a trapped signal arrives, so the loop waits again
     *       until the job's shell has really ended and its status is known.
     * </ul>
     */
    private static final String WRAPPER = """
            set -C; echo "$$" >"$1" || exit 125; set +C
            exec 3>&2 2>/dev/null
            e=$2 m=$3 t=$4 g=$5; shift 5
            w=
            trap 'trap "" TERM; [ -z "$w" ] || kill -USR1 "$w" 2>/dev/null; \
            (sleep "$g"; command -v pkill >/dev/null && pkill -KILL -s $$; kill -KILL 0) &' TERM
            "$@" </dev/null 2>&3 3>&- &
            c=$!
            if [ "$t" -gt 0 ]; then
              (trap "" TERM; q=; trap 'q=1' USR1
               sleep "$t" & s=$!
               [ -n "$q" ] || wait "$s"
               if [ -n "$q" ]; then kill -KILL "$s" 2>/dev/null; exit 0; fi
               trap "" USR1; [ -f "$e" ] || { printf '%s\\n' "$t" >"$m"; kill -TERM 0; }) &
              w=$!
            fi
            while :; do wait "$c"; s=$?; kill -0 "$c" 2>/dev/null || break; done
            printf '%s\\n' "$s" >"$e"
            [ -z "$w" ] || kill -USR1 "$w" 2>/dev/null
            """;

    /**
     * For a {@code setsid} that cannot fork by itself (busybox's, an older util-linux'): starts
     * {@code setsid} with the wrapper in the background and exits. The background command of a
     * shell without job control is not a process group leader, so {@code setsid} makes it a
     * session leader in place instead of forking.
     */
    private static final String LAUNCHER = """
            "$@" </dev/null &
            """;

    /** A timeout beyond this (68 years) is as good as none, and every {@code sleep} takes it. */
    private static final long MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE;

    private ShellCommand() {}

    static String extension(String shell) {
        return switch (shell) {
            case "bat" -> ".bat";
            case "powershell", "pwsh" -> ".ps1";
            default -> ".sh";
        };
    }

    /** Why this (POSIX) agent cannot run the shell under the wrapper, or {@code null} when it can. */
    static String unavailableReason(String shell) {
        if (shell.equals("bat")) {
            return "shell 'bat' needs a Windows agent";
        }
        if (!onPath("setsid")) {
            return "this agent has no 'setsid' command, needed to run jobs detached";
        }
        String binary = shell.equals("powershell") ? "powershell" : shell;
        if (!onPath(binary)) {
            return "shell '" + shell + "' is not installed on this agent (" + binary + " not found on PATH)";
        }
        return null;
    }

    /**
     * The full command line: {@code setsid} (forking, so that the wrapper is nobody's child; else
     * behind the {@link #LAUNCHER}), the wrapper (with where it notes its pid, and what it
     * enforces: the job's timeout and the stop grace, in whole seconds), and the shell running the
     * script file. The process started exits at once; the wrapper's pid is in {@link
     * JobFiles#launched} once it runs.
     */
    static List<String> commandLine(
            String shell,
            Path script,
            JobFiles files,
            long timeoutSeconds,
            long graceSeconds,
            boolean hasShebang,
            boolean setsidForks) {
        List<String> cmd = new ArrayList<>(
                setsidForks
                        ? List.of("setsid", "-f")
                        : List.of("sh", "-c", LAUNCHER, "remote-jobs-launcher", "setsid"));
        cmd.addAll(List.of("sh", "-c", WRAPPER, "remote-jobs-wrapper"));
        cmd.add(files.launched().toString());
        cmd.add(files.exit().toString());
        cmd.add(files.timedOut().toString());
        cmd.add(Long.toString(Math.min(Math.max(0, timeoutSeconds), MAX_TIMEOUT_SECONDS)));
        cmd.add(Long.toString(Math.max(1, graceSeconds)));
        switch (shell) {
            case "powershell", "pwsh" ->
                cmd.addAll(List.of(shell, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script.toString()));
            default -> {
                if (!hasShebang) {
                    cmd.add("sh");
                }
                cmd.add(script.toString());
            }
        }
        return cmd;
    }

    private static volatile Boolean setsidForks;

    /**
     * Whether this system's {@code setsid} forks by itself ({@code -f}, util-linux'), asked once by
     * running it: busybox's and older ones refuse the option.
     */
    static boolean setsidForks() {
        Boolean known = setsidForks;
        if (known == null) {
            known = probeSetsidFork();
            setsidForks = known;
        }
        return known;
    }

    private static boolean probeSetsidFork() {
        try {
            Process probe = new ProcessBuilder("setsid", "-f", "true")
                    .redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final java.util.Set<String> FOUND = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Found binaries are remembered (a launch must stay cheap); missing ones are looked up again. */
    static boolean onPath(String binary) {
        if (FOUND.contains(binary)) {
            return true;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                FOUND.add(binary);
                return true;
            }
        }
        return false;
    }
}
