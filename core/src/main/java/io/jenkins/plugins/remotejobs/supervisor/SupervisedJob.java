package io.jenkins.plugins.remotejobs.supervisor;

import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job the supervisor started, as its own child: the supervisor records its exit code (only a
 * parent can read it), carries out a stop that {@code stop.properties} asks for and the job's
 * timeout, and remembers every process it has seen under the job, because neither Windows nor a
 * reparenting Linux keeps an orphan under the process that started it: a stop must still reach the
 * grandchild whose parent has exited.
 *
 * <p>Driven by the supervisor's one ticking thread; the exit may be recorded from another.
 */
final class SupervisedJob {

    private final LaunchOrder order;
    private final Process root;
    private final long deadline;
    /** Every process seen under the job, by pid; a handle knows its start, so a reused pid is not it. */
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    private boolean stopping;
    private long killAt = Long.MAX_VALUE;
    private boolean killed;
    private volatile boolean exitRecorded;
    /** When a failed attempt to record the exit was first made; 0 before. */
    private long failingSince;

    /**
     * How long the exit is retried (a full disk may free up); the agent waits a little longer for
     * it ({@code CachedJob.KEEPER_RECORD_MILLIS}) before it tells the failure.
     */
    static final long RECORD_RETRY_MILLIS = 10_000;

    SupervisedJob(LaunchOrder order, Process root) {
        this.order = order;
        this.root = root;
        this.deadline = order.timeoutSeconds() > 0
                ? order.startedAtMillis() + Math.min(order.timeoutSeconds(), Long.MAX_VALUE / 2000) * 1000
                : Long.MAX_VALUE;
    }

    Process root() {
        return root;
    }

    /**
     * Records the exit code once the root has ended: "CODE\n", written aside and renamed, synced,
     * so that a reader sees all of it or nothing and it survives a power loss. Returns whether it
     * is recorded (or can never be: the job's directory is gone); a failure is retried by the tick.
     */
    synchronized boolean recordExit() {
        if (exitRecorded) {
            return true;
        }
        if (root.isAlive()) {
            return false;
        }
        try {
            AtomicFiles.writeStringDurably(Path.of(order.exitFile()), root.exitValue() + "\n");
            exitRecorded = true;
        } catch (NoSuchFileException gone) {
            exitRecorded = true; // removed with force: nobody will read it
        } catch (IOException e) {
            long now = System.currentTimeMillis();
            failingSince = failingSince == 0 ? now : failingSince;
            if (now - failingSince >= RECORD_RETRY_MILLIS) {
                JobSupervisor.log("gave up recording the exit code in " + order.exitFile() + ": " + e);
                exitRecorded = true; // the agent tells the failure, as of a wrapper that could not write it
            }
        }
        return exitRecorded;
    }

    /**
     * Adds what is under the job now to what it has seen: the descendants of the root and of every
     * process seen before, and, on POSIX, the members of the root's session (the root leads one).
     */
    void track(ProcessSnapshot snapshot) {
        // Only processes that are still themselves lead anywhere: the pid of one that has ended
        // may already be another process's, whose children are none of the job's.
        seen.values().removeIf(h -> !h.isAlive());
        List<ProcessHandle> frontier = new ArrayList<>(seen.values());
        if (root.isAlive()) {
            frontier.add(root.toHandle());
            for (ProcessHandle member : snapshot.sessionOf(root.pid())) {
                if (member.pid() != root.pid() && seen.putIfAbsent(member.pid(), member) == null) {
                    frontier.add(member);
                }
            }
        }
        while (!frontier.isEmpty()) {
            ProcessHandle parent = frontier.remove(frontier.size() - 1);
            for (ProcessHandle child : snapshot.childrenOf(parent.pid())) {
                if (startedAfter(child, parent) && seen.putIfAbsent(child.pid(), child) == null) {
                    frontier.add(child);
                }
            }
        }
    }

    /**
     * A child starts after its parent; one that started before has the pid of an earlier parent
     * (the snapshot is a moment old). Unknown start times are given the benefit of the doubt.
     */
    private static boolean startedAfter(ProcessHandle child, ProcessHandle parent) {
        java.util.Optional<java.time.Instant> c = child.info().startInstant();
        java.util.Optional<java.time.Instant> p = parent.info().startInstant();
        return c.isEmpty() || p.isEmpty() || !c.get().isBefore(p.get());
    }

    /**
     * One look at the job: a stop asked for or a timeout reached starts the graceful stop, whose
     * grace ends in KILL. Returns whether the job needs no more looking after.
     */
    boolean tick(long now, Platform platform) {
        boolean ended = recordExit();
        if (!stopping && !ended) {
            if (Files.exists(Path.of(order.stopFile()))) {
                beginStop(now, platform);
            } else if (now >= deadline) {
                markTimedOut();
                beginStop(now, platform);
            }
        }
        if (stopping && !killed && now >= killAt) {
            kill();
        }
        return ended && (!stopping || killed);
    }

    private void markTimedOut() {
        try {
            AtomicFiles.writeString(Path.of(order.timedOutFile()), order.timeoutSeconds() + "\n");
        } catch (IOException e) {
            JobSupervisor.log("cannot record the timeout of " + order.exitFile() + ": " + e);
        }
    }

    private void beginStop(long now, Platform platform) {
        stopping = true;
        killAt = now + Math.max(0, order.graceMillis());
        track(ProcessSnapshot.now());
        Platform.Spawn interrupt = platform.interrupt(root.pid());
        if (interrupt == null) {
            root.toHandle().destroy();
            seen.values().forEach(ProcessHandle::destroy);
        } else {
            JobSupervisor.runQuietly(interrupt);
        }
    }

    /** KILL to the root, what is under it now, and every process seen under it that still runs. */
    void kill() {
        killed = true;
        track(ProcessSnapshot.now());
        root.destroyForcibly();
        seen.values().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
