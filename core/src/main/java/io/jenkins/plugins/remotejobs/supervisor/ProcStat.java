package io.jenkins.plugins.remotejobs.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What /proc/PID/stat says of a process: its state, its parent and session, and its start in clock
 * ticks since boot.
 */
public record ProcStat(char state, long parent, long session, long startTicks) {
    public static final boolean AVAILABLE = Files.isReadable(Path.of("/proc/self/stat"));

    public boolean zombie() {
        return state == 'Z';
    }

    /** Empty when the process is gone (or where there is no /proc). */
    public static Optional<ProcStat> read(long pid) {
        String s;
        try {
            s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name in parentheses may hold spaces and parentheses: the fields that
        // matter come after the last ')': state (field 3) first, then parent, group, session;
        // start time (field 22) 20th.
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 >= s.length()) {
            return Optional.empty();
        }
        String[] fields = s.substring(close + 2).split(" ");
        if (fields.length < 20 || fields[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[3]),
                    Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
