package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One job of a job cache: what was launched, its process, and its final state once known. The
 * final state is derived in this order: a recorded end (including a tombstone), a stop request, the
 * wrapper's timed-out marker, then the wrapper's exit status or, while it has none, the wrapper
 * process itself (alive means running); once final it is written to {@code end.properties} so that it never changes again, even
 * across agent restarts.
 */
final class CachedJob {

    final String instanceId;
    final JobFiles files;
    final Properties meta;
    private volatile JobProcess process;
    private volatile Properties end;
    /** The stop request once made; this cache is the only writer of its file, so memory is exact. */
    private volatile Properties stop;

    private final ConsumeCursors cursors;

    /**
     * How long a live supervisor may take to record the exit of a job whose process has ended; it
     * gives up sooner ({@code SupervisedJob}), so a status past this is its failure (a full disk).
     */
    static final long KEEPER_RECORD_MILLIS = 15_000;

    /** When this JVM first saw the job's process gone and its supervisor not done recording; 0 before. */
    private volatile long recordingSince;

    CachedJob(String instanceId, JobFiles files, Properties meta, JobProcess process, Properties end, Properties stop) {
        this.instanceId = instanceId;
        this.files = files;
        this.meta = meta;
        this.process = process;
        this.end = end;
        this.stop = stop;
        this.cursors = new ConsumeCursors(instanceId, files);
    }

    /** The recorded final state, or {@code null} while none is recorded. */
    Properties end() {
        return end;
    }

    /** A stop request was written to {@code stop.properties}. */
    void requestedStop(Properties request) {
        this.stop = request;
    }

    boolean stopRequested() {
        return stop != null;
    }

    JobProcess process() {
        return process;
    }

    void attach(JobProcess started) {
        this.process = started;
    }

    boolean isReleased() {
        Properties e = end;
        return e != null && Boolean.parseBoolean(e.getProperty("released"));
    }

    long startedAt() {
        return Long.parseLong(meta.getProperty("startedAt", "0"));
    }

    long timeoutSeconds() {
        return Long.parseLong(meta.getProperty("timeoutSeconds", "0"));
    }

    /** Records the final state; the first final state wins. */
    synchronized Properties finish(AgentJobState state, Integer exitCode, String reason) throws IOException {
        if (end != null) {
            return end;
        }
        Properties p = new Properties();
        p.setProperty("state", state.name());
        if (exitCode != null) {
            p.setProperty("exitCode", exitCode.toString());
        }
        if (reason != null) {
            p.setProperty("reason", reason);
        }
        p.setProperty("endedAt", Long.toString(System.currentTimeMillis()));
        try {
            AtomicFiles.writeProperties(files.end(), p);
        } catch (IOException e) {
            // A full disk: the end stays known here, and is worked out again from the job's files
            // (the same ones) should the agent restart before it can be written.
        }
        end = p;
        return p;
    }

    /**
     * Replaces the job's files with its tombstone, which keeps the final state, lengths and cursors.
     * The tombstone is written before anything is deleted, so that a crash in between leaves a job
     * that is still whole. On a disk too full to write it, the output (what the tombstone stands
     * for, and usually what filled the disk) goes first; the files the state is worked out from stay.
     */
    synchronized void shrinkToTombstone(JobStatus last) throws IOException {
        try {
            writeTombstone(last);
        } catch (IOException full) {
            for (StreamName stream : StreamName.values()) {
                Files.deleteIfExists(files.output(stream));
            }
            AtomicFiles.deleteTree(files.work());
            try {
                writeTombstone(last);
            } catch (IOException e) {
                throw new JobCacheException(
                        JobCacheException.Kind.STORAGE,
                        "cannot record that job " + instanceId + " was released: " + e.getMessage());
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.dir())) {
            for (Path p : entries) {
                if (!JobFiles.TOMBSTONE.contains(p.getFileName().toString())) {
                    AtomicFiles.deleteTree(p);
                }
            }
        }
    }

    private void writeTombstone(JobStatus last) throws IOException {
        Properties p = new Properties();
        p.putAll(end);
        p.setProperty("released", "true");
        p.setProperty("stdoutLength", Long.toString(last.stdoutLength()));
        p.setProperty("stderrLength", Long.toString(last.stderrLength()));
        p.setProperty("stdoutCursor", Long.toString(last.stdoutCursor()));
        p.setProperty("stderrCursor", Long.toString(last.stderrCursor()));
        AtomicFiles.writeProperties(files.end(), p);
        end = p;
    }

    /**
     * The status a launch returns: the final one of a job that could not start; for one whose
     * wrapper was just started, Running with nothing written or consumed yet, as it was a moment
     * ago (without the liveness check and the reads of {@link #status}, which the node's monitor
     * makes next anyway; a launch should not wait for them).
     */
    JobStatus launchedStatus() throws IOException {
        if (end != null || process == null) {
            return status();
        }
        return new JobStatus(
                instanceId,
                meta.getProperty("name"),
                meta.getProperty("command"),
                AgentJobState.RUNNING,
                null,
                null,
                0,
                0,
                0,
                0,
                Boolean.parseBoolean(meta.getProperty("keepOnAgent")),
                false,
                Charset.defaultCharset().name(),
                startedAt(),
                0);
    }

    /** The job's status now. Cheap for finished jobs; a running one costs a liveness check. */
    JobStatus status() throws IOException {
        Properties e = end != null ? end : deriveEnd();
        AgentJobState state = e == null ? AgentJobState.RUNNING : AgentJobState.valueOf(e.getProperty("state"));
        boolean released = isReleased();
        return new JobStatus(
                instanceId,
                meta.getProperty("name"),
                meta.getProperty("command"),
                state,
                e == null || e.getProperty("exitCode") == null ? null : Integer.valueOf(e.getProperty("exitCode")),
                e == null ? null : e.getProperty("reason"),
                released ? longOf(e, "stdoutLength") : files.outputLength(StreamName.STDOUT),
                released ? longOf(e, "stderrLength") : files.outputLength(StreamName.STDERR),
                released ? longOf(e, "stdoutCursor") : cursor(StreamName.STDOUT),
                released ? longOf(e, "stderrCursor") : cursor(StreamName.STDERR),
                Boolean.parseBoolean(meta.getProperty("keepOnAgent")),
                released,
                Charset.defaultCharset().name(),
                startedAt(),
                e == null ? 0 : longOf(e, "endedAt"));
    }

    /** Works out whether the job has ended, and records it if so; {@code null} while it runs. */
    private Properties deriveEnd() throws IOException {
        Properties stop = this.stop;
        JobProcess p = process;
        // The wrapper writes the status once the job's shell has ended, and exits right after: a
        // status on record means ended, even in the moment before the wrapper is gone. Liveness is
        // looked at first, so that a wrapper seen gone has written all it ever will.
        boolean wrapperAlive = p != null && (p.isAlive() || keeperStillRecording(p));
        Integer code = files.recordedExit();
        boolean alive = code == null && wrapperAlive;
        if (stop != null) {
            if (alive) {
                // Reported at once as requested; recorded as final once the processes are gone.
                Properties pending = new Properties();
                pending.putAll(stop);
                return pending;
            }
            return finish(AgentJobState.valueOf(stop.getProperty("state")), code, stop.getProperty("reason"));
        }
        Properties timedOut = timedOut();
        if (timedOut != null) {
            if (alive) {
                return timedOut; // reported at once, as a stop is; final once the processes are gone
            }
            return finish(AgentJobState.FAILED, code, timedOut.getProperty("reason"));
        }
        if (alive) {
            return null;
        }
        if (code != null) {
            return code == 0
                    ? finish(AgentJobState.COMPLETED, 0, null)
                    : finish(AgentJobState.FAILED, code, NoSpaceHint.appendTo(files, "exit code " + code));
        }
        if (p == null) {
            return finish(AgentJobState.FAILED, null, "the agent stopped while launching the job");
        }
        String reason = p.keeper() == null
                ? "the job's wrapper ended without recording an exit status"
                : p.keeper().isAlive()
                        ? "the agent's job supervisor could not record the exit status"
                        : "the agent's job supervisor ended without recording an exit status";
        return finish(AgentJobState.FAILED, null, NoSpaceHint.appendTo(files, reason));
    }

    /** The process has ended, and its live supervisor may still be writing its exit status. */
    private boolean keeperStillRecording(JobProcess p) {
        if (p.keeper() == null || !p.keeper().isAlive()) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (recordingSince == 0) {
            recordingSince = now;
        }
        return now - recordingSince < KEEPER_RECORD_MILLIS;
    }

    /**
     * The end the job's timeout led to, once the wrapper wrote its marker (the timeout really
     * fired: the job was still running then); {@code null} otherwise.
     */
    private Properties timedOut() throws IOException {
        if (timeoutSeconds() <= 0 || AtomicFiles.readString(files.timedOut()) == null) {
            return null;
        }
        Properties p = new Properties();
        p.setProperty("state", AgentJobState.FAILED.name());
        p.setProperty("reason", "timed out after " + timeoutSeconds() + " s");
        return p;
    }

    /** Consumed up to here (agent mode). */
    synchronized long cursor(StreamName stream) throws IOException {
        return cursors.get(stream);
    }

    /** Moves the consume cursor from {@code expected} to {@code to}; see {@link ConsumeCursors#claim}. */
    synchronized CommitResult claim(StreamName stream, long expected, long to) throws IOException {
        return cursors.claim(stream, expected, to, s -> status().length(s));
    }

    Path dir() {
        return files.dir();
    }

    private static long longOf(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? 0 : Long.parseLong(v);
    }
}
