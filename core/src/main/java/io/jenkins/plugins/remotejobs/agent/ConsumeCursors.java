package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A job's consume cursors (agent mode): how far each stream was received, in its cursor files and,
 * once read, in memory (the job cache is their only writer). Not thread-safe: {@link CachedJob}
 * calls it under its own lock, which also covers the length a claim is checked against.
 *
 * <p>A power loss can leave a cursor file empty or torn (its rename reached the disk before its
 * bytes did); such a cursor counts as nothing consumed. Receiving bytes again is the lesser harm:
 * a cursor that skipped ahead would lose them, and one that fails every read would lose the whole
 * job's output.
 */
final class ConsumeCursors {

    private static final Logger LOG = Logger.getLogger(ConsumeCursors.class.getName());

    /** How much of a stream exists, for a claim to be checked against. */
    @FunctionalInterface
    interface Length {
        long of(StreamName stream) throws IOException;
    }

    private final String instanceId;
    private final JobFiles files;
    private final long[] cursors = {-1, -1};

    ConsumeCursors(String instanceId, JobFiles files) {
        this.instanceId = instanceId;
        this.files = files;
    }

    /** Consumed up to here: read from disk once, then kept in memory. */
    long get(StreamName stream) throws IOException {
        int i = stream.ordinal();
        if (cursors[i] < 0) {
            cursors[i] = read(files.cursor(stream));
        }
        return cursors[i];
    }

    /**
     * Moves the cursor from {@code expected} to {@code to}, strictly compare-and-set: a cursor
     * already at or beyond {@code to} may be another consumer's claim of these very bytes.
     */
    CommitResult claim(StreamName stream, long expected, long to, Length length) throws IOException {
        long cursor = get(stream);
        if (cursor != expected) {
            return new CommitResult(false, cursor);
        }
        long exists = length.of(stream);
        if (to > exists) {
            throw new JobCacheException(
                    JobCacheException.Kind.BAD_REQUEST,
                    "cannot consume " + stream.label() + " up to " + to + ": only " + exists + " bytes exist");
        }
        try {
            // On the disk before the consume is answered: a cursor that rolled back would hand the bytes out again.
            AtomicFiles.writeStringDurably(files.cursor(stream), Long.toString(to));
        } catch (IOException e) {
            throw new JobCacheException(
                    JobCacheException.Kind.STORAGE,
                    "cannot record that " + stream.label() + " of job " + instanceId + " was received up to " + to
                            + " (" + e.getMessage() + "); nothing was consumed");
        }
        cursors[stream.ordinal()] = to;
        return new CommitResult(true, to);
    }

    /** What {@code file} says: 0 when it is missing, empty or torn. */
    private static long read(Path file) throws IOException {
        String text = AtomicFiles.readString(file);
        if (text == null) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(text.trim());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // torn: reported below
        }
        LOG.warning("the consume cursor " + file + " is torn (" + text.length()
                + " characters that are no position, likely a power loss): it counts as nothing consumed, so"
                + " output received before may be received again");
        return 0;
    }
}
