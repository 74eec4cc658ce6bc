package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobTableTest {

    @TempDir
    Path dir;

    static JobRecord record(long id, String name) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = id;
        b.instanceId = JobIds.newInstanceId();
        b.name = name;
        b.node = "a";
        b.owner = "o";
        b.build = "b#1";
        b.reason = "x".repeat(10_000);
        return b.build();
    }

    @Test
    void changesSurviveAReloadAndATornLastEntryIsDropped() throws IOException {
        try (JobTable t = JobTable.open(dir, new Signal())) {
            t.insert(record(t.nextId(), "one"));
            t.insert(record(t.nextId(), "two"));
            t.update(1, r -> r.with(b -> b.state = JobState.COMPLETED), true);
        }
        try (RandomAccessFile f =
                new RandomAccessFile(dir.resolve("jobs.journal").toFile(), "rw")) {
            f.setLength(f.length() - 3); // a crash in the middle of the last append
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.get(1)).isPresent();
            assertThat(t.get(2)).isPresent();
            assertThat(t.get(1).orElseThrow().state())
                    .as("the torn update is gone, the records before it stand")
                    .isEqualTo(JobState.NOT_STARTED);
        }
    }

    @Test
    void idsOfRemovedJobsAreNeverGivenOutAgain() throws IOException {
        try (JobTable t = JobTable.open(dir, new Signal())) {
            t.insert(record(t.nextId(), "one"));
            t.insert(record(t.nextId(), "two"));
            t.delete(2);
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.nextId()).isEqualTo(3);
        }
    }

    @Test
    void compactionKeepsRecordsAndTheHighestId() throws IOException {
        try (JobTable t = JobTable.open(dir, new Signal())) {
            for (int i = 0; i < 12_000; i++) {
                long id = t.nextId();
                t.insert(record(id, "n" + id));
                if (id % 2 == 0) {
                    t.delete(id);
                }
            }
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.size()).isEqualTo(6_000);
            assertThat(t.byName("n11999")).hasSize(1);
            assertThat(t.nextId()).isEqualTo(12_001);
        }
    }
}
