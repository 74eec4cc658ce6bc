package io.jenkins.plugins.remotejobs.controller.table;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job table: every record by id, indexed by instance id, build and name ({@link JobIndexes}) for the lookups {@code
 * getJob} does, persisted through a {@link JobJournal}. Changes that matter after a restart are
 * journalled (one append each); transient ones (output lengths of a running job, which the agent
 * reports again after any restart) only update memory. A journalled change reaches memory only once
 * the journal has it: one the journal refuses (a full disk, a value too long to record) throws and
 * changes nothing, so memory never holds what a reload would not. Thread-safe; every change fires
 * {@link Signal}.
 */
public final class JobTable implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobTable.class.getName());

    private final JobIndexes records = new JobIndexes();
    private final JobJournal journal;
    private final Signal events;
    private final StepSyncs stepSyncs = new StepSyncs(this);
    /** Set once closed: a change or sync after that comes from a step racing the host's shutdown. */
    private volatile boolean closed;

    private long lastId;
    /** Journal entries a compaction waits for after one failed. */
    private long compactionDeferredUntil;

    private JobTable(JobJournal journal, Map<Long, JobRecord> loaded, Signal events) {
        this.journal = journal;
        this.events = events;
        loaded.values().forEach(records::add);
        lastId = Math.max(
                journal.highestId(),
                loaded.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** Loads the table persisted in {@code dir}. */
    public static JobTable open(Path dir, Signal events) throws IOException {
        Map<Long, JobRecord> loaded = new LinkedHashMap<>();
        JobJournal journal = JobJournal.open(dir, loaded);
        JobTable table = new JobTable(journal, loaded, events);
        table.compactIfLarge();
        return table;
    }

    public synchronized long nextId() {
        return ++lastId;
    }

    public synchronized Optional<JobRecord> get(long id) {
        return Optional.ofNullable(records.get(id));
    }

    public synchronized Optional<JobRecord> byInstanceId(String instanceId) {
        return records.byInstanceId(instanceId);
    }

    public synchronized List<JobRecord> byBuild(String build) {
        return records.byBuild(build);
    }

    public synchronized List<JobRecord> byName(String name) {
        return records.byName(name);
    }

    /** The jobs of {@code node} that a monitor must watch ({@link JobRecord#needsWatching}). */
    public synchronized List<JobRecord> watchedOn(String node) {
        return records.watchedOn(node);
    }

    /** The nodes that have jobs to watch. */
    public synchronized List<String> nodesWithWatchedJobs() {
        return records.nodesWithWatchedJobs();
    }

    /** Every record, oldest first. */
    public synchronized List<JobRecord> all() {
        return new ArrayList<>(records.all());
    }

    public synchronized int size() {
        return records.size();
    }

    /** Adds a new record (journalled). */
    public void insert(JobRecord record) {
        synchronized (this) {
            write(() -> journal.put(record));
            records.add(record);
            compactIfLarge();
        }
        events.fire();
    }

    /**
     * Replaces a record with {@code change} applied to it, atomically with respect to other
     * changes. Journalled when {@code durable}. Returns the new record, or empty when the record no
     * longer exists (removed meanwhile).
     */
    public Optional<JobRecord> update(long id, UnaryOperator<JobRecord> change, boolean durable) {
        JobRecord updated;
        synchronized (this) {
            JobRecord current = records.get(id);
            if (current == null) {
                return Optional.empty();
            }
            updated = change.apply(current);
            if (updated.equals(current)) {
                return Optional.of(current);
            }
            if (durable) {
                write(() -> journal.put(updated));
            }
            records.replace(current, updated);
            if (durable) {
                compactIfLarge();
            }
        }
        events.fire();
        return Optional.of(updated);
    }

    /**
     * The owner job was renamed or moved (a folder's items are each reported on their own): its
     * records follow it, builds included ({@code old#7} becomes {@code new#7}), so that its old
     * builds keep their jobs. Returns how many records changed.
     */
    public int ownerMoved(String oldOwner, String newOwner) {
        String oldBuilds = oldOwner + "#";
        return updateAll(
                r -> oldOwner.equals(r.owner()),
                r -> r.with(b -> {
                    b.owner = newOwner;
                    if (b.build != null && b.build.startsWith(oldBuilds)) {
                        b.build = newOwner + b.build.substring(oldOwner.length());
                    }
                }));
    }

    /**
     * The owner job was deleted (a deleted folder takes the jobs under it): its records have no
     * owner any more, which leaves them to administrators, and no build, so that a job created
     * again under the same name, whose builds count from 1 again, reaches none of them. Returns how
     * many records changed.
     */
    public int ownerDeleted(String owner) {
        String inside = owner + "/";
        return updateAll(
                r -> r.owner() != null && (r.owner().equals(owner) || r.owner().startsWith(inside)),
                r -> r.with(b -> {
                    b.owner = null;
                    b.build = null;
                }));
    }

    private int updateAll(Predicate<JobRecord> which, UnaryOperator<JobRecord> change) {
        List<Long> ids;
        synchronized (this) {
            ids = records.all().stream().filter(which).map(JobRecord::id).toList();
        }
        ids.forEach(id -> update(id, change, true));
        return ids.size();
    }

    /** Deletes a record (journalled). */
    public void delete(long id) {
        synchronized (this) {
            JobRecord r = records.get(id);
            if (r == null) {
                return;
            }
            write(() -> journal.delete(id));
            records.remove(r);
            compactIfLarge();
        }
        events.fire();
    }

    /** {@link #sync} as a step needs it: before it hands out, or beside its launch. */
    public StepSyncs syncs() {
        return stepSyncs;
    }

    /**
     * Forces the journal to disk: called before an irreversible step depends on it. Concurrent
     * callers share one sync (a group commit).
     */
    public void sync() throws IOException {
        try {
            journal.sync();
        } catch (IOException e) {
            if (closed) {
                throw new JobManagerClosedException();
            }
            throw e;
        }
    }

    /**
     * Keeps reloads fast: once the journal outgrows the table, it becomes the new snapshot. The
     * change that got here is journalled already, so a compaction that fails (a full disk) fails no
     * change: it is logged and tried again once as many entries again are written.
     */
    private void compactIfLarge() {
        long entries = journal.entries();
        long threshold = Math.max(10_000, 2L * records.size());
        if (entries <= threshold || entries < compactionDeferredUntil) {
            return;
        }
        try {
            journal.compact(records.all());
            compactionDeferredUntil = 0;
        } catch (IOException | RuntimeException e) {
            compactionDeferredUntil = entries + threshold;
            LOG.log(
                    Level.WARNING,
                    "cannot compact the job table's journal (" + e.getMessage()
                            + "); it goes on growing, and compaction is tried again after " + threshold
                            + " more changes",
                    e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        if (closed) {
            // The host shuts down under a step: the step resumes after the restart, rather than
            // failing with a closed file's error.
            throw new JobManagerClosedException();
        }
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job table: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        journal.close();
    }
}
