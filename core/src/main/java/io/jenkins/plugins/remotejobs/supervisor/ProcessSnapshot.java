package io.jenkins.plugins.remotejobs.supervisor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is whose child, and who is in which session, from one pass over the process table: {@code
 * /proc} where there is one (one read per process tells both), else the JDK's process handles
 * (parents only; Windows has no sessions of this kind).
 */
final class ProcessSnapshot {

    private final Map<Long, List<ProcessHandle>> children = new HashMap<>();
    private final Map<Long, List<ProcessHandle>> sessions = new HashMap<>();

    private ProcessSnapshot() {}

    static ProcessSnapshot now() {
        ProcessSnapshot snapshot = new ProcessSnapshot();
        if (ProcStat.AVAILABLE) {
            snapshot.readProc();
        } else {
            ProcessHandle.allProcesses()
                    .forEach(h -> h.parent()
                            .ifPresent(p -> snapshot.children
                                    .computeIfAbsent(p.pid(), k -> new ArrayList<>())
                                    .add(h)));
        }
        return snapshot;
    }

    private void readProc() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                ProcStat.read(pid)
                        .filter(st -> !st.zombie())
                        .ifPresent(st -> ProcessHandle.of(pid).ifPresent(h -> {
                            children.computeIfAbsent(st.parent(), k -> new ArrayList<>())
                                    .add(h);
                            sessions.computeIfAbsent(st.session(), k -> new ArrayList<>())
                                    .add(h);
                        }));
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable table: what was read still counts
        }
    }

    List<ProcessHandle> childrenOf(long pid) {
        return children.getOrDefault(pid, List.of());
    }

    /** The processes whose session id is {@code sessionId}; none where sessions are not known. */
    List<ProcessHandle> sessionOf(long sessionId) {
        return sessions.getOrDefault(sessionId, List.of());
    }
}
