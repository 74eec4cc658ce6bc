package io.jenkins.plugins.remotejobs.local.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The operating system's process table as Linux's {@code /proc} shows it. */
final class ProcessTable {

    /** One process: its ids and its state letter ({@code Z} for a zombie). */
    record Proc(long pid, long ppid, long pgid, long sid, char state) {
        boolean alive() {
            return state != 'Z' && state != 'X';
        }
    }

    private ProcessTable() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    static List<Proc> all() {
        List<Proc> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                of(Long.parseLong(dir.getFileName().toString())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static Optional<Proc> of(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Optional.of(
                    new Proc(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[0].charAt(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile
        }
    }

    /** The processes of a session or a process group led by {@code id}, and the descendants of {@code id}. */
    static Set<Long> jobProcesses(long id) {
        List<Proc> all = all();
        Set<Long> out = new HashSet<>();
        for (Proc p : all) {
            if (p.alive() && (p.sid() == id || p.pgid() == id || p.pid() == id)) {
                out.add(p.pid());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Proc p : all) {
                if (p.alive() && out.contains(p.ppid()) && out.add(p.pid())) {
                    grew = true;
                }
            }
        }
        return out;
    }

    /** Which of {@code pids} are still running (present and not a zombie). */
    static Set<Long> alive(Set<Long> pids) {
        Set<Long> out = new HashSet<>();
        for (long pid : pids) {
            if (of(pid).map(Proc::alive).orElse(false)) {
                out.add(pid);
            }
        }
        return out;
    }
}
