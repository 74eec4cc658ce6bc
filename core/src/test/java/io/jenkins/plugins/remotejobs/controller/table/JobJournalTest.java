package io.jenkins.plugins.remotejobs.controller.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.util.Signal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append that a full disk cuts short leaves part of an entry in the journal. A replay stops at
 * the first torn entry, so every entry appended after it would be lost at the next start: the torn
 * bytes are cut off again before anything else is appended.
 */
class JobJournalTest {

    @TempDir
    Path dir;

    @Test
    void anAppendCutShortLeavesNoTornEntryBeforeLaterOnes() throws IOException {
        FailingFile[] file = new FailingFile[1];
        try (JobJournal journal = JobJournal.open(
                dir, new LinkedHashMap<>(), (path, intact) -> file[0] = new FailingFile(path, intact))) {
            journal.put(JobTableTest.record(1, "one"));
            file[0].writeOnly = 100;
            assertThatThrownBy(() -> journal.put(JobTableTest.record(2, "two")))
                    .hasMessageContaining("No space left on device");
            journal.put(JobTableTest.record(3, "three"));
        }

        assertThat(reload().keySet())
                .as("the entry appended after the failed one survives a reload")
                .containsExactly(1L, 3L);
    }

    @Test
    void aTornEntryThatCannotBeCutOffRefusesLaterAppendsUntilItIs() throws IOException {
        FailingFile[] file = new FailingFile[1];
        try (JobJournal journal = JobJournal.open(
                dir, new LinkedHashMap<>(), (path, intact) -> file[0] = new FailingFile(path, intact))) {
            journal.put(JobTableTest.record(1, "one"));
            file[0].writeOnly = 10;
            file[0].cutFails = true;
            assertThatThrownBy(() -> journal.put(JobTableTest.record(2, "two")))
                    .hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> journal.put(JobTableTest.record(3, "three")))
                    .hasMessageContaining("torn entry")
                    .hasMessageContaining("cannot be cut off")
                    .hasMessageContaining("Input/output error");
            file[0].cutFails = false;
            journal.put(JobTableTest.record(4, "four"));
        }

        assertThat(reload().keySet()).containsExactly(1L, 4L);
    }

    /** The same on a disk that is really full: a 1 MiB tmpfs, where one can be mounted (root). */
    @Test
    void aTableOnARealFullDiskKeepsWhatIsWrittenOnceThereIsRoomAgain() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("disk"));
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()))
                .as("a 1 MiB tmpfs can be mounted here (root, and a kernel that allows it)")
                .isZero();
        try {
            Path filler = disk.resolve("filler");
            try (JobTable table = JobTable.open(disk, new Signal())) {
                table.insert(JobTableTest.record(table.nextId(), "before"));
                fill(filler);
                assertThatThrownBy(() -> table.insert(JobTableTest.record(table.nextId(), "on the full disk")))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("No space left on device");
                Files.delete(filler);
                table.insert(JobTableTest.record(table.nextId(), "after"));
            }
            try (JobTable table = JobTable.open(disk, new Signal())) {
                assertThat(table.byName("before")).hasSize(1);
                assertThat(table.byName("after"))
                        .as("written once there was room again, after the failed append")
                        .hasSize(1);
                assertThat(table.byName("on the full disk")).isEmpty();
            }
        } finally {
            if (run("umount", disk.toString()) != 0) {
                run("umount", "-l", disk.toString());
            }
        }
    }

    private Map<Long, JobRecord> reload() throws IOException {
        Map<Long, JobRecord> records = new LinkedHashMap<>();
        JobJournal.open(dir, records).close();
        return records;
    }

    @Test
    void concurrentSyncsShareOneAndEachReturnsOnlyOnceItsAppendIsOnTheDisk() throws Exception {
        int threads = 8;
        CountDownLatch allAppended = new CountDownLatch(threads);
        CountingFile[] file = new CountingFile[1];
        try (JobJournal journal = JobJournal.open(
                dir, new LinkedHashMap<>(), (path, intact) -> file[0] = new CountingFile(path, intact, allAppended))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<long[]>> done = new ArrayList<>();
                for (int i = 1; i <= threads; i++) {
                    long id = i;
                    done.add(pool.submit(() -> {
                        journal.put(JobTableTest.record(id, "n" + id));
                        long mine = file[0].written.get();
                        allAppended.countDown();
                        journal.sync();
                        return new long[] {mine, file[0].syncedUpTo.get()};
                    }));
                }
                for (Future<long[]> f : done) {
                    long[] seen = f.get(60, TimeUnit.SECONDS);
                    assertThat(seen[1]).as("synced up to, when sync returned").isGreaterThanOrEqualTo(seen[0]);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(file[0].syncs.get())
                .as("syncs for %d appends synced at once (the first may cover its own alone)", threads)
                .isBetween(1, 2);
    }

    /** The real file, with the next write cut short as a full disk cuts it, and its truncation failing on demand. */
    static final class FailingFile extends JournalFile {

        /** Bytes the next write writes before it fails; negative: it writes all. */
        int writeOnly = -1;

        boolean cutFails;

        FailingFile(Path path, long intact) throws IOException {
            super(path, intact);
        }

        @Override
        void write(byte[] bytes) throws IOException {
            int room = writeOnly;
            writeOnly = -1;
            if (room < 0) {
                super.write(bytes);
                return;
            }
            // write(2) on a full disk: what fits is written, then ENOSPC.
            super.write(Arrays.copyOf(bytes, room));
            throw new IOException("No space left on device");
        }

        @Override
        void setLength(long length) throws IOException {
            if (cutFails) {
                throw new IOException("Input/output error");
            }
            super.setLength(length);
        }
    }

    /**
     * The real file, counting its syncs and what each covered; the first sync waits until every
     * thread has appended, and appends must go on while it waits.
     */
    static final class CountingFile extends JournalFile {
        final AtomicLong written = new AtomicLong();
        final AtomicLong syncedUpTo = new AtomicLong();
        final AtomicInteger syncs = new AtomicInteger();
        private final CountDownLatch firstSyncWaitsFor;

        CountingFile(Path path, long intact, CountDownLatch firstSyncWaitsFor) throws IOException {
            super(path, intact);
            this.firstSyncWaitsFor = firstSyncWaitsFor;
            written.set(intact);
        }

        @Override
        void write(byte[] bytes) throws IOException {
            super.write(bytes);
            written.addAndGet(bytes.length);
        }

        @Override
        void sync() throws IOException {
            if (syncs.incrementAndGet() == 1) {
                try {
                    assertThat(firstSyncWaitsFor.await(60, TimeUnit.SECONDS))
                            .as("the other appends went on during the first sync")
                            .isTrue();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            long covers = written.get(); // an fsync covers every byte written before it
            super.sync();
            syncedUpTo.accumulateAndGet(covers, Math::max);
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
        }
    }

    private static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
