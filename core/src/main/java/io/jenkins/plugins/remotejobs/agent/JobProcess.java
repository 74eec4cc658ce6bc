package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.supervisor.ProcStat;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
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
    /** The start time in clock ticks since boot, as /proc gives it (Linux); -1 where unknown. */
    private final long startTicks;
    /**
     * The process that records this one's exit status when it is not the process itself: the
     * cache's supervisor, for a job the portable launcher started; {@code null} for a wrapper.
     */
    private final JobProcess keeper;

    JobProcess(long pid, long startMillis) {
        this(pid, startMillis, -1);
    }

    JobProcess(long pid, long startMillis, long startTicks) {
        this(pid, startMillis, startTicks, null);
    }

    private JobProcess(long pid, long startMillis, long startTicks, JobProcess keeper) {
        this.pid = pid;
        this.startMillis = startMillis;
        this.startTicks = startTicks;
        this.keeper = keeper;
    }

    /** The process {@code process.properties} records, or {@code null} when it records none yet. */
    static JobProcess recorded(JobFiles files) throws IOException {
        java.util.Properties p = AtomicFiles.readProperties(files.process());
        if (p == null) {
            return null;
        }
        JobProcess keeper = p.getProperty("keeperPid") == null
                ? null
                : new JobProcess(
                        Long.parseLong(p.getProperty("keeperPid")),
                        Long.parseLong(p.getProperty("keeperStartMillis", "0")),
                        Long.parseLong(p.getProperty("keeperStartTicks", "-1")));
        return new JobProcess(
                Long.parseLong(p.getProperty("pid")),
                Long.parseLong(p.getProperty("startMillis")),
                Long.parseLong(p.getProperty("startTicks", "-1")),
                keeper);
    }

    /** The supervisor that records this job's exit status, or {@code null} when the process does. */
    JobProcess keeper() {
        return keeper;
    }

    /** Whether the job's exit status may still come: its process runs, or its keeper does. */
    boolean mayStillEnd() {
        return isAlive() || (keeper != null && keeper.isAlive());
    }

    /**
     * The wrapper a launcher just started: not this JVM's child, so its exit sends no event of
     * the JVM's own; the wrapper's exit status file does (see {@link JobEvents}). Where /proc is,
     * its start is told by one read of it (the JDK's process info reads several files).
     */
    static JobProcess detached(long pid) {
        if (ProcStat.AVAILABLE) {
            return ProcStat.read(pid)
                    .map(st -> new JobProcess(pid, 0, st.startTicks()))
                    .orElse(new JobProcess(pid, ENDED_AT_LAUNCH));
        }
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

    long startTicks() {
        return startTicks;
    }

    /**
     * Alive means present, the same process (start time), and not a zombie waiting to be reaped.
     * With its start in clock ticks, one read of /proc tells all three; this runs for every running
     * job in every status an agent gives.
     */
    boolean isAlive() {
        if (startMillis == ENDED_AT_LAUNCH) {
            return false;
        }
        if (startTicks >= 0) {
            return ProcStat.read(pid)
                    .filter(st -> !st.zombie() && st.startTicks() == startTicks)
                    .isPresent();
        }
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
        if (startTicks >= 0) {
            return ProcStat.read(h.pid())
                    .map(st -> st.startTicks() == startTicks)
                    .orElse(false);
        }
        if (startMillis == 0) {
            return true;
        }
        return h.info().startInstant().map(i -> i.toEpochMilli() == startMillis).orElse(true);
    }

    /** A zombie has exited and only waits to be reaped: it is not alive. Linux only; elsewhere false. */
    static boolean isZombie(long pid) {
        return ProcStat.read(pid).map(ProcStat::zombie).orElse(false);
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
