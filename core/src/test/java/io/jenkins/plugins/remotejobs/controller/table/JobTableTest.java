package io.jenkins.plugins.remotejobs.controller.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class JobTableTest {

    @TempDir
    Path dir;

    public static JobRecord record(long id, String name) {
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

    static JobRecord owned(long id, String owner, String build) {
        return record(id, "n" + id).with(b -> {
            b.owner = owner;
            b.build = build;
        });
    }

    @Test
    void aMovedOwnerTakesItsJobsAndItsBuildsAlongAndADeletedOneLeavesThemToNobody() throws IOException {
        try (JobTable t = JobTable.open(dir, new Signal())) {
            t.insert(owned(t.nextId(), "f/p", "f/p#7"));
            t.insert(owned(t.nextId(), "f/pp", "f/pp#1"));
            t.insert(owned(t.nextId(), "g", "g#2"));
            t.insert(owned(t.nextId(), "g/inside", "g/inside#3"));

            assertThat(t.ownerMoved("f/p", "h/q")).isEqualTo(1);
            assertThat(t.ownerDeleted("g")).as("g and the job in folder g").isEqualTo(2);
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.get(1).orElseThrow().owner()).isEqualTo("h/q");
            assertThat(t.byBuild("h/q#7")).extracting(JobRecord::id).containsExactly(1L);
            assertThat(t.byBuild("f/p#7")).as("the old build id").isEmpty();
            assertThat(t.get(2).orElseThrow().owner())
                    .as("a name that only starts like the moved one")
                    .isEqualTo("f/pp");
            assertThat(t.get(3).orElseThrow().owner()).isNull();
            assertThat(t.get(4).orElseThrow().owner()).isNull();
            assertThat(t.byBuild("g#2"))
                    .as("what a build #2 of a job created again as g would find")
                    .isEmpty();
            assertThat(t.byBuild("g/inside#3")).isEmpty();
        }
    }

    /** What a step racing the host's shutdown meets: the sign to resume after the restart, not a closed file. */
    @Test
    void aChangeOrSyncAfterTheTableClosedSaysTheHostIsShuttingDown() throws IOException {
        JobTable t = JobTable.open(dir, new Signal());
        t.insert(record(t.nextId(), "one"));
        t.close();

        assertThatThrownBy(() -> t.insert(record(2, "two"))).isInstanceOf(JobManagerClosedException.class);
        assertThatThrownBy(() -> t.update(1, r -> r.with(b -> b.state = JobState.COMPLETED), true))
                .isInstanceOf(JobManagerClosedException.class);
        assertThatThrownBy(t::sync).isInstanceOf(JobManagerClosedException.class);
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

    @Test
    void aChangeTheJournalCannotTakeLeavesTheTableAsItWasAndWritable() throws IOException {
        String tooLong = "x".repeat(70_000); // DataOutputStream.writeUTF takes at most 65,535 bytes
        try (JobTable t = JobTable.open(dir, new Signal())) {
            t.insert(record(t.nextId(), "one"));

            assertThatThrownBy(() -> t.update(1, r -> r.with(b -> b.charset = tooLong), true))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("job 1's charset is too long to record");
            assertThat(t.get(1).orElseThrow().charset() == null)
                    .as("memory keeps what the journal holds")
                    .isTrue();
            JobRecord unwritable = record(t.nextId(), "two").with(b -> b.command = tooLong);
            assertThatThrownBy(() -> t.insert(unwritable)).isInstanceOf(UncheckedIOException.class);
            assertThat(t.get(2)).isEmpty();
            assertThat(t.byName("two")).isEmpty();
            assertThat(t.byInstanceId(unwritable.instanceId())).isEmpty();

            // Past the compaction threshold (10,000 entries), the table is still written.
            for (int i = 1; i <= 12_000; i++) {
                long length = i;
                t.update(1, r -> r.with(b -> b.stdoutLength = length), true);
            }
            t.insert(record(t.nextId(), "three"));
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.get(1).orElseThrow().stdoutLength()).isEqualTo(12_000);
            assertThat(t.byName("three")).hasSize(1);
            assertThat(t.byName("two")).isEmpty();
        }
    }

    @Test
    void aCompactionThatFailsFailsNoChange() throws IOException {
        try (JobTable t = JobTable.open(dir, new Signal())) {
            t.insert(record(t.nextId(), "one"));
            t.insert(record(t.nextId(), "two"));
            // Memory only (as output lengths are), and too long for the snapshot: every compaction fails.
            t.update(1, r -> r.with(b -> b.charset = "x".repeat(70_000)), false);

            for (int i = 1; i <= 25_000; i++) {
                long length = i;
                t.update(2, r -> r.with(b -> b.stdoutLength = length), true);
            }
        }
        try (JobTable t = JobTable.open(dir, new Signal())) {
            assertThat(t.get(2).orElseThrow().stdoutLength()).isEqualTo(25_000);
            assertThat(t.get(1).orElseThrow().charset() == null).isTrue();
        }
    }
}
