package io.jenkins.plugins.remotejobs.controller.table;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
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

/**
 * The job table's records in memory: by id, oldest first, and indexed by instance id, build, name
 * and, for the jobs a monitor must watch, node. Not thread-safe: {@link JobTable} guards it.
 */
final class JobIndexes {

    private final Map<Long, JobRecord> byId = new LinkedHashMap<>();
    private final Map<String, Long> byInstanceId = new HashMap<>();
    private final Map<String, List<Long>> byBuild = new HashMap<>();
    private final Map<String, List<Long>> byName = new HashMap<>();
    private final Map<String, Set<Long>> watchedByNode = new HashMap<>();

    void add(JobRecord r) {
        byId.put(r.id(), r);
        byInstanceId.put(r.instanceId(), r.id());
        byBuild.computeIfAbsent(r.build(), k -> new ArrayList<>()).add(r.id());
        byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.id());
        watch(r, true);
    }

    /** {@code updated} in the place of {@code current}, the same job. */
    void replace(JobRecord current, JobRecord updated) {
        long id = updated.id();
        byId.put(id, updated);
        reindex(byBuild, current.build(), updated.build(), id);
        reindex(byName, current.name(), updated.name(), id);
        watch(current, false);
        watch(updated, true);
    }

    void remove(JobRecord r) {
        byId.remove(r.id());
        byInstanceId.remove(r.instanceId());
        watch(r, false);
        unindex(byBuild, r.build(), r.id());
        unindex(byName, r.name(), r.id());
    }

    JobRecord get(long id) {
        return byId.get(id);
    }

    Optional<JobRecord> byInstanceId(String instanceId) {
        Long id = byInstanceId.get(instanceId);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    List<JobRecord> byBuild(String build) {
        return records(byBuild.get(build));
    }

    List<JobRecord> byName(String name) {
        return records(byName.get(name));
    }

    List<JobRecord> watchedOn(String node) {
        return records(watchedByNode.get(node));
    }

    List<String> nodesWithWatchedJobs() {
        return new ArrayList<>(watchedByNode.keySet());
    }

    /** Every record, oldest first (a live view: copy it before the table changes). */
    Collection<JobRecord> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
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
}
