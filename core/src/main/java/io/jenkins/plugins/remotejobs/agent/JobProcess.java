package io.jenkins.plugins.remotejobs.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A job's wrapper process identified by pid and start time, so that a recycled pid is never taken
 * for the job. Liveness is judged from the process itself (present, same start time, not a
 * zombie), never from a file's modification time, so a job that prints nothing for hours is alive.
 */
final class JobProcess {

    private final long pid;
    private final long startMillis;
    private final Process child;

    JobProcess(long pid, long startMillis, Process child) {
        this.pid = pid;
        this.startMillis = startMillis;
        this.child = child;
    }

    /** The process this JVM just started. */
    static JobProcess started(Process process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new JobProcess(process.pid(), start, process);
    }

    long pid() {
        return pid;
    }

    long startMillis() {
        return startMillis;
    }

    /** The child handle when this JVM started the process; empty after an agent restart. */
    Optional<Process> child() {
        return Optional.ofNullable(child);
    }

    boolean isAlive() {
        if (child != null) {
            return child.isAlive();
        }
        Optional<ProcessHandle> handle = handle();
        return handle.isPresent() && !isZombie(pid);
    }

    /** The live OS handle of exactly this process, if it still exists. */
    Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
    }

    private boolean sameStart(ProcessHandle h) {
        if (startMillis == 0) {
            return true;
        }
        return h.info().startInstant().map(i -> i.toEpochMilli() == startMillis).orElse(true);
    }

    /** A zombie has exited and only waits to be reaped: it is not alive. Linux only; elsewhere false. */
    static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat, StandardCharsets.ISO_8859_1);
            int close = s.lastIndexOf(')');
            return close > 0 && close + 2 < s.length() && s.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The processes to signal on stop: the wrapper, every descendant it has at this moment, and
     * every member of its session (which may have left the tree and the group).
     */
    List<ProcessHandle> treeNow() {
        Optional<ProcessHandle> wrapper = handle();
        if (wrapper.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, ProcessHandle> all = new java.util.LinkedHashMap<>();
        all.put(pid, wrapper.get());
        wrapper.get().descendants().forEach(h -> all.put(h.pid(), h));
        JobSession.members(pid).forEach(h -> all.putIfAbsent(h.pid(), h));
        return List.copyOf(all.values());
    }

    /**
     * Whether the wrapper's pid still names this job's process group and session: true while the
     * wrapper lives, and after it exited as long as no other process took its pid. (The kernel does
     * not give out a pid that is still some process's group or session id, so the id is reused only
     * once the job's group and session are empty.)
     */
    boolean idsStillMean() {
        Optional<ProcessHandle> now = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return now.isEmpty() || sameStart(now.get());
    }
}
