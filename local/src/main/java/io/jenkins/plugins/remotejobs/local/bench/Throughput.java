package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * P3 and P6: a job prints {@code outputBytes} ({@code cat} of a file of random bytes).
 *
 * <ul>
 *   <li>P3 controller mode: from {@code remoteJob} to Completed, i.e. to the last byte synced in the
 *       controller's spool and the agent's copy released.
 *   <li>P3 agent mode: {@code receiveJob file:} of the same output kept on an agent, after the job
 *       finished.
 *   <li>Each against {@code cat src | cat > dst} of the same file on the same disk, run three times
 *       around the two lanes; the baseline is the median of the three, so that one run caught in
 *       the disk's write-back flatters neither side.
 *   <li>For context, controller mode's own floor: the job writing its output file while a copy of
 *       it goes to a second file that is then synced ({@code cat src | tee out | cat > spool; sync
 *       spool}). No collector can do less than that; the row shows how close it comes.
 *   <li>P6: the controller's live heap while {@code receiveJob file:} moves the output of each job
 *       ({@link HeapSampler}), in separate receives so that sampling never slows a P3 figure.
 * </ul>
 */
final class Throughput {

    static final double TARGET = 0.5;
    static final long HEAP_LIMIT_MIB = 64;
    /** Output, job files, spool and received copies: about four times the output exist at once. */
    private static final int WARM_FACTOR = 5;

    private static final double MIB = 1 << 20;

    private Throughput() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        long size = ctx.config.outputBytes();
        String label = size >= (1L << 30) ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
        ctx.progress("P3/P6 throughput and heap: " + label + " of output in each mode");
        Path src = ctx.scratch.resolve("p3-source.bin");
        Path dst = ctx.scratch.resolve("p3-copy.bin");
        long warm = warmPageCache(ctx.scratch.resolve("p3-warm.bin"), WARM_FACTOR * size);
        writeRandom(src, size);
        String script = "cat '" + src + "'";
        List<String> nodes = ctx.nodes();
        try {
            long before = Baselines.catPipe(src, dst);
            long t0 = System.nanoTime();
            JobRecord collected = ctx.start(nodes.get(0), script);
            ctx.waitFor(List.of(collected), JobState.COMPLETED);
            long controllerNanos = System.nanoTime() - t0;
            checkLength(ctx, collected, size);
            long between = Baselines.catPipe(src, dst);
            long floor = Baselines.teeAndSync(src, dst, ctx.scratch.resolve("p3-floor-out.bin"));

            JobRecord kept = ctx.start(nodes.get(1 % nodes.size()), script, Map.of("keepOnAgent", true));
            ctx.waitFor(List.of(kept), JobState.COMPLETED);
            long t1 = System.nanoTime();
            long received = ctx.receiveFile(kept, "p3-agent.out", true);
            long agentNanos = System.nanoTime() - t1;
            long after = Baselines.catPipe(src, dst);
            check(received, size, "agent-mode receive");
            Files.delete(ctx.workspace.resolve("p3-agent.out"));

            long baseline = median(before, between, after);
            report.add(Row.ratioAtLeast(
                    "P3",
                    "collect " + label + ", controller mode (to synced spool)",
                    rate(size, controllerNanos),
                    rate(size, baseline),
                    "MiB/s",
                    TARGET));
            report.add(Row.info(
                    "P3",
                    "  same, against its floor: cat | tee file | cat > spool; sync spool",
                    rate(size, controllerNanos),
                    "MiB/s",
                    rate(size, floor)));
            report.add(Row.ratioAtLeast(
                    "P3",
                    "receiveJob file: " + label + ", agent mode",
                    rate(size, agentNanos),
                    rate(size, baseline),
                    "MiB/s",
                    TARGET));
            report.series(
                    "P3",
                    Map.of(
                            "bytes",
                            size,
                            "controllerNanos",
                            controllerNanos,
                            "agentNanos",
                            agentNanos,
                            "catPipeNanos",
                            List.of(before, between, after),
                            "floorNanos",
                            floor,
                            "pageCacheWarmupNanos",
                            warm));

            heap(ctx, report, collected, "controller mode (from the spool)", label);
            heap(ctx, report, kept, "agent mode", label);
            ctx.remove(collected);
            ctx.remove(kept);
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
        }
    }

    private static void heap(BenchContext ctx, BenchReport report, JobRecord job, String mode, String label)
            throws Exception {
        long growth;
        long received;
        try (HeapSampler sampler = HeapSampler.start(100)) {
            received = ctx.receiveFile(job, "p6.out", false);
            growth = sampler.growth();
        }
        check(received, ctx.config.outputBytes(), "receive " + mode);
        Files.delete(ctx.workspace.resolve("p6.out"));
        report.add(Row.below(
                "P6", "heap growth, receiveJob file: " + label + ", " + mode, growth / MIB, "MiB", HEAP_LIMIT_MIB));
    }

    private static void checkLength(BenchContext ctx, JobRecord job, long size) {
        JobRecord now = ctx.host.manager().table().get(job.id()).orElseThrow();
        check(now.stdoutLength(), size, "controller-mode collection");
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " moved " + actual + " bytes instead of " + expected);
        }
    }

    /**
     * Writes then deletes a file of {@code bytes}, so that the files this benchmark and its baseline
     * write afterwards land in memory the machine has touched before. In a virtual machine whose
     * memory is backed lazily (Firecracker here), the first write to never-used memory costs about
     * ten times more than any later one (1 GiB of new file: 3.2 s against 0.3 s), which would weigh
     * on whichever lane happens to write new memory, not on the one that does more work.
     */
    static long warmPageCache(Path file, long bytes) throws IOException {
        long t0 = System.nanoTime();
        ByteBuffer block = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < bytes; ) {
                block.clear();
                written += ch.write(block);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return System.nanoTime() - t0;
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    static double rate(long bytes, long nanos) {
        return bytes / MIB / (nanos / 1e9);
    }

    /** A file of {@code size} bytes: one random MiB, repeated. */
    static void writeRandom(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < size) {
                ByteBuffer buf = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
                while (buf.hasRemaining()) {
                    written += ch.write(buf);
                }
            }
        }
    }
}
