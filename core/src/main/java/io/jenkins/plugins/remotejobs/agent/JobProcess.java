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

    /** The start time of a wrapper that had already ended when the launcher printed its pid. */
    static final long ENDED_AT_LAUNCH = -1;

    private final long pid;
    private final long startMillis;

    JobProcess(long pid, long startMillis) {
        this.pid = pid;
        this.startMillis = startMillis;
    }

    /**
     * The wrapper a launcher just started: not this JVM's child, so its exit sends no event of
     * the JVM's own; the wrapper's exit status file does (see {@link JobEvents}).
     */
    static JobProcess detached(long pid) {
        long start = ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())
                .map(Instant::toEpochMilli)
                .orElse(ENDED_AT_LAUNCH);
        return new JobProcess(pid, start);
    }

    long pid() {
        return pid;
    }

    long startMillis() {
        return startMillis;
    }

    /** Alive means present, the same process (start time), and not a zombie waiting to be reaped. */
    boolean isAlive() {
        return handle().isPresent() && !isZombie(pid);
    }

    /** The live OS handle of exactly this process, if it still exists. */
    Optional<ProcessHandle> handle() {
        if (startMillis == ENDED_AT_LAUNCH) {
            return Optional.empty();
        }
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
        return now.isEmpty() || (startMillis != ENDED_AT_LAUNCH && sameStart(now.get()));
    }
}
