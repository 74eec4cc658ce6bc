package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Writes what a collection round brought from one agent into the controller's spool, trusting the
 * reply no further than the round's requests, and keeps track of collection paused by a spool that
 * cannot be written (a full disk): the job goes on, collection resumes where it stopped.
 */
final class SpoolWriter {

    private static final Logger LOG = Logger.getLogger(SpoolWriter.class.getName());
    /** How long to wait before trying a spool that could not be written again, at first and at most. */
    private static final long PAUSE_MILLIS = 500;

    private static final long MAX_PAUSE_MILLIS = 2_000;
    /** What a paused job's next attempt asks for: enough to find out whether the spool takes it. */
    static final int PROBE_BYTES = 64 * 1024;

    private final String node;
    /** Why collection is paused (the spool could not be written), or null; logged when it changes. */
    private String paused;
    /** The jobs whose output could not be spooled in the last round. */
    private Set<String> pausedJobs = Set.of();

    private long pauseBackoff;

    SpoolWriter(String node) {
        this.node = node;
    }

    boolean isPaused() {
        return paused != null;
    }

    boolean isPaused(String instanceId) {
        return pausedJobs.contains(instanceId);
    }

    /** How long to wait before the next attempt while paused: the agent would answer at once. */
    long nextPauseMillis() {
        pauseBackoff = Math.min(MAX_PAUSE_MILLIS, pauseBackoff == 0 ? PAUSE_MILLIS : pauseBackoff * 2);
        return pauseBackoff;
    }

    /**
     * Spools the chunks that answer the round's requests ({@code asked}: the most bytes asked, by
     * instance id and stream); returns, by instance id, why the jobs that could not be written are
     * paused.
     */
    Map<String, String> write(Spool spool, List<Chunk> chunks, Map<String, Integer> asked, JobTable table) {
        Map<String, String> failed = spoolAll(spool, trusted(chunks, asked), table);
        notePause(failed);
        return failed;
    }

    /**
     * The chunks of the reply that answer this round's requests, none longer than asked for: an
     * agent's reply is not trusted to name only its own jobs nor to respect the sizes asked.
     */
    private static List<Chunk> trusted(List<Chunk> chunks, Map<String, Integer> asked) {
        List<Chunk> out = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            Integer max = asked.get(c.instanceId() + "/" + c.stream());
            if (max == null) {
                LOG.warning("ignored output the agent sent for job " + c.instanceId() + " (" + c.stream()
                        + "), which was not asked of it");
            } else if (c.data().length > max) {
                out.add(new Chunk(c.instanceId(), c.stream(), c.offset(), java.util.Arrays.copyOf(c.data(), max)));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Appends the chunks to the spool. Returns, by instance id, why the jobs whose output could not
     * be written (a full disk) are paused; their other chunks of this round are skipped, since they
     * would leave a gap. The other jobs' chunks are still written.
     */
    private static Map<String, String> spoolAll(Spool spool, List<Chunk> chunks, JobTable table) {
        Map<String, String> failed = new HashMap<>();
        for (Chunk c : chunks) {
            if (failed.containsKey(c.instanceId())) {
                continue;
            }
            try {
                // A job removed while this round was in flight is not spooled again.
                spool.append(c, () -> table.byInstanceId(c.instanceId()).isPresent());
            } catch (Spool.SpoolQuotaException e) {
                failed.put(
                        c.instanceId(),
                        "collection paused: " + e.getMessage() + "; the job goes on, its output waits on the"
                                + " agent, and collection resumes when removing received jobs frees room");
            } catch (IOException e) {
                failed.put(
                        c.instanceId(),
                        "collection paused: cannot write the controller's spool (" + describe(e)
                                + "); the job goes on and collection resumes when the disk has room");
            }
        }
        return failed;
    }

    /** Logs when collection on this node pauses and when it resumes, not at every retry. */
    private void notePause(Map<String, String> failed) {
        String now = failed.isEmpty() ? null : failed.values().iterator().next();
        if (now != null && !now.equals(paused)) {
            LOG.warning(node + ": " + now + " (" + failed.size() + " job(s) waiting)");
        } else if (now == null && paused != null) {
            LOG.info(node + ": collection resumed");
            pauseBackoff = 0;
        }
        paused = now;
        pausedJobs = java.util.Set.copyOf(failed.keySet());
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
