package io.jenkins.plugins.remotejobs.controller.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's quota holds for all jobs together, whatever number of collection threads append at once. */
class SpoolTest {

    private static final long QUOTA = 4L << 20;
    private static final int WRITERS = 16;

    @TempDir
    Path tmp;

    @Test
    void concurrentAppendsOfManyJobsNeverTakeTheSpoolBeyondItsQuota() throws Exception {
        Spool spool = new Spool(tmp.resolve("spool"), () -> QUOTA);
        CyclicBarrier together = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String job = JobIds.newInstanceId();
                done.add(pool.submit(() -> {
                    together.await();
                    try {
                        spool.append(new Chunk(job, StreamName.STDOUT, 0, new byte[1 << 20]), () -> true);
                    } catch (Spool.SpoolQuotaException full) {
                        // what does not fit waits on the agent
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long onDisk;
        try (Stream<Path> files = Files.walk(tmp.resolve("spool"))) {
            onDisk = files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
        assertThat(onDisk).as("bytes in the spool").isEqualTo(QUOTA);
        assertThat(spool.usedBytes()).as("what the spool counts").isEqualTo(onDisk);
    }
}
