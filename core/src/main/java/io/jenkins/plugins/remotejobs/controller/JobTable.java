package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job table: every record by id, indexed by instance id, build and name for the lookups {@code
 * getJob} does, persisted through a {@link JobJournal}. Changes that matter after a restart are
 * journalled (one append each); transient ones (output lengths of a running job, which the agent
 * reports again after any restart) only update memory. A journalled change reaches memory only once
 * the journal has it: one the journal refuses (a full disk, a value too long to record) throws and
 * changes nothing, so memory never holds what a reload would not. Thread-safe; every change fires
 * {@link Signal}.
 */
public final class JobTable implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobTable.class.getName());

    private final Map<Long, JobRecord> byId = new LinkedHashMap<>();
    private final Map<String, Long> byInstanceId = new HashMap<>();
    private final Map<String, List<Long>> byBuild = new HashMap<>();
    private final Map<String, List<Long>> byName = new HashMap<>();
    private final Map<String, Set<Long>> watchedByNode = new HashMap<>();
    private final JobJournal journal;
    private final Signal events;
    private long lastId;
    /** Journal entries a compaction waits for after one failed. */
    private long compactionDeferredUntil;

    private JobTable(JobJournal journal, Map<Long, JobRecord> loaded, Signal events) {
        this.journal = journal;
        this.events = events;
        loaded.values().forEach(this::index);
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
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized Optional<JobRecord> byInstanceId(String instanceId) {
        Long id = byInstanceId.get(instanceId);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public synchronized List<JobRecord> byBuild(String build) {
        return records(byBuild.get(build));
    }

    public synchronized List<JobRecord> byName(String name) {
        return records(byName.get(name));
    }

    /** The jobs of {@code node} that a monitor must watch ({@link JobRecord#needsWatching}). */
    public synchronized List<JobRecord> watchedOn(String node) {
        return records(watchedByNode.get(node));
    }

    /** The nodes that have jobs to watch. */
    public synchronized List<String> nodesWithWatchedJobs() {
        return new ArrayList<>(watchedByNode.keySet());
    }

    /** Every record, oldest first. */
    public synchronized List<JobRecord> all() {
        return new ArrayList<>(byId.values());
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Adds a new record (journalled). */
    public void insert(JobRecord record) {
        synchronized (this) {
            write(() -> journal.put(record));
            index(record);
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
            JobRecord current = byId.get(id);
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
            byId.put(id, updated);
            reindex(byBuild, current.build(), updated.build(), id);
            reindex(byName, current.name(), updated.name(), id);
            watch(current, false);
            watch(updated, true);
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
            ids = byId.values().stream().filter(which).map(JobRecord::id).toList();
        }
        ids.forEach(id -> update(id, change, true));
        return ids.size();
    }

    /** Deletes a record (journalled). */
    public void delete(long id) {
        synchronized (this) {
            JobRecord r = byId.get(id);
            if (r == null) {
                return;
            }
            write(() -> journal.delete(id));
            byId.remove(id);
            byInstanceId.remove(r.instanceId());
            watch(r, false);
            unindex(byBuild, r.build(), id);
            unindex(byName, r.name(), id);
            compactIfLarge();
        }
        events.fire();
    }

    /**
     * Forces the journal to disk: called before an irreversible step depends on it. Concurrent
     * callers share one sync (a group commit).
     */
    public void sync() throws IOException {
        journal.sync();
    }

    /**
     * {@link #sync} before a step hands out what depends on the journal (a started job's handle,
     * consumed output). A disk that refuses is said in the build log and the step goes on: what it
     * hands out is right, only a power loss could now take the record back.
     */
    void syncBeforeHandingOut(String step, BuildLog log) {
        try {
            sync();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot force the job table's journal to disk", e);
            log.println(step + ": warning: the controller cannot force its job table to disk (" + e.getMessage()
                    + "); a power loss now could lose what this step recorded");
        }
    }

    private void index(JobRecord r) {
        byId.put(r.id(), r);
        byInstanceId.put(r.instanceId(), r.id());
        byBuild.computeIfAbsent(r.build(), k -> new ArrayList<>()).add(r.id());
        byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.id());
        watch(r, true);
    }

    private void watch(JobRecord r, boolean add) {
        if (!r.needsWatching()) {
            return;
        }
        if (add) {
            watchedByNode.computeIfAbsent(r.node(), k -> new HashSet<>()).add(r.id());
        } else {
            Set<Long> ids = watchedByNode.get(r.node());
            if (ids != null) {
                ids.remove(r.id());
                if (ids.isEmpty()) {
                    watchedByNode.remove(r.node());
                }
            }
        }
    }

    private static void reindex(Map<String, List<Long>> index, String oldKey, String newKey, long id) {
        if (!Objects.equals(oldKey, newKey)) {
            unindex(index, oldKey, id);
            index.computeIfAbsent(newKey, k -> new ArrayList<>()).add(id);
        }
    }

    private static void unindex(Map<String, List<Long>> index, String key, long id) {
        List<Long> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private List<JobRecord> records(Collection<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        List<JobRecord> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            JobRecord r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(JobRecord::id));
        return out;
    }

    /**
     * Keeps reloads fast: once the journal outgrows the table, it becomes the new snapshot. The
     * change that got here is journalled already, so a compaction that fails (a full disk) fails no
     * change: it is logged and tried again once as many entries again are written.
     */
    private void compactIfLarge() {
        long entries = journal.entries();
        long threshold = Math.max(10_000, 2L * byId.size());
        if (entries <= threshold || entries < compactionDeferredUntil) {
            return;
        }
        try {
            journal.compact(byId.values());
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
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job table: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
