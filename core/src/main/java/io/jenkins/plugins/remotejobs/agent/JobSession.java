package io.jenkins.plugins.remotejobs.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes in a job's session. The wrapper starts the session ({@code setsid}), so the
 * session's id is the wrapper's pid; a job that uses job control ({@code set -m}) puts processes in
 * groups of their own within it, and once their parent exits they are neither in the job's process
 * group nor its descendants. Only the process table tells them apart: {@code /proc} on Linux;
 * elsewhere this finds nothing and the group and the tree are all that {@code stopJob} reaches.
 *
 * <p>A session's id cannot be given to a new process while any member of the session lives, so
 * members found by the id are the job's as long as the id is not the pid of a process other than
 * the wrapper (see {@link JobProcess#idsStillMean}).
 */
final class JobSession {

    private static final Path PROC = Path.of("/proc");

    private JobSession() {}

    /** The live processes whose session is {@code sessionId}, leader included. */
    static List<ProcessHandle> members(long sessionId) {
        List<ProcessHandle> out = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (sessionOf(dir) == sessionId) {
                    ProcessHandle.of(pid).ifPresent(out::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable process table: the group and the tree still apply.
        }
        return out;
    }

    /** The session id from {@code /proc/<pid>/stat}, or -1 when the process is gone. */
    private static long sessionOf(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
