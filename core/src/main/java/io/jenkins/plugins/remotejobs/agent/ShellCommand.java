package io.jenkins.plugins.remotejobs.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How each supported shell runs a script file, and the detached wrapper around it. The wrapper is
 * one {@code sh} in a new session (so it and everything it starts form one process group that
 * outlives the agent JVM); it runs the script, then records the exit status itself.
 */
final class ShellCommand {

    static final List<String> SHELLS = List.of("sh", "bat", "powershell", "pwsh");

    /** Runs "$@" with stdin closed, then writes its status to the file named in $1. */
    private static final String WRAPPER = "e=$1; shift; \"$@\" </dev/null; printf '%s\\n' $? >\"$e\"";

    private ShellCommand() {}

    static String extension(String shell) {
        return switch (shell) {
            case "bat" -> ".bat";
            case "powershell", "pwsh" -> ".ps1";
            default -> ".sh";
        };
    }

    /** Why this agent cannot run the shell, or {@code null} when it can. */
    static String unavailableReason(String shell) {
        if (!SHELLS.contains(shell)) {
            return "unknown shell '" + shell + "'; allowed: " + String.join(", ", SHELLS);
        }
        if (isWindows()) {
            return "Windows agents are not supported yet by this version (no detached wrapper for Windows)";
        }
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

    /** The full command line: setsid, the wrapper, and the shell running the script file. */
    static List<String> commandLine(String shell, Path script, Path exitFile, boolean hasShebang) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "sh", "-c", WRAPPER, "remote-jobs-wrapper"));
        cmd.add(exitFile.toString());
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

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static final java.util.Set<String> FOUND = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Found binaries are remembered (a launch must stay cheap); missing ones are looked up again. */
    private static boolean onPath(String binary) {
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
