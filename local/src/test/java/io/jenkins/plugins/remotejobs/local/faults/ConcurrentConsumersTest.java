package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.TestCaller;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R3: eight consumers receive (and so consume) the output of one running job at the same time,
 * each in a loop until the job has ended and nothing is left. Every range a receive reports as
 * its own, put in order, tiles the output from its first byte to its last with no gap and no
 * overlap, and its bytes are exactly what the job wrote.
 */
class ConcurrentConsumersTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    private static final int CONSUMERS = 8;

    /** One consumer's take: each range it claimed with the bytes it got for it. */
    record Taken(ReceiveResult.Range range, byte[] bytes) {}

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void eightConsumersOfOneRunningJobTogetherGetExactlyItsOutput(boolean keepOnAgent) throws Exception {
        long began = System.nanoTime();
        Path generator = KnownOutput.writeGenerator(local.scratch().resolve("bin"));
        KnownOutput output = new KnownOutput("r3-" + keepOnAgent, 300, 10_000, "0.01");
        PlannedJob job = new PlannedJob("r3-" + keepOnAgent, "agent-1", keepOnAgent, output, null, 0);
        long id = local.scripts()
                .run("echo \"id=${" + job.remoteJobCall(generator) + ".id}\"")
                .ok()
                .id("id");

        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
        AtomicLong receives = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        List<CompletableFuture<List<Taken>>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            TestCaller caller = new TestCaller("r3-consumer-" + c, local.scratch());
            consumers.add(CompletableFuture.supplyAsync(() -> consume(id, caller, receives, empty), pool));
        }
        List<Taken> all = new ArrayList<>();
        for (CompletableFuture<List<Taken>> c : consumers) {
            all.addAll(c.get(AgentFaults.LONG.toSeconds(), TimeUnit.SECONDS));
        }
        pool.shutdown();

        all.sort(Comparator.comparingLong(t -> t.range().from()));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long gaps = 0;
        long overlaps = 0;
        long end = 0;
        for (Taken t : all) {
            gaps += t.range().from() > end ? 1 : 0;
            overlaps += t.range().from() < end ? 1 : 0;
            end = Math.max(end, t.range().to());
            joined.write(t.bytes());
        }
        long consumersWithPieces =
                consumers.stream().filter(c -> !c.join().isEmpty()).count();
        Figures.of("R3")
                .put("mode", keepOnAgent ? "agent" : "controller")
                .put("consumers", CONSUMERS)
                .put("consumersWithPieces", consumersWithPieces)
                .put("receives", receives.get())
                .put("pieces", all.size())
                .put("bytes", output.bytes())
                .put("received", joined.size())
                .put("gaps", gaps)
                .put("overlaps", overlaps)
                .put("emptyReceives", empty.get())
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(gaps).isZero();
        assertThat(overlaps).isZero();
        assertThat(end).isEqualTo(output.bytes());
        assertThat(KnownOutput.sha256(joined.toByteArray())).isEqualTo(output.sha256());
        assertThat(consumersWithPieces)
                .as("consumers that got some of the output")
                .isGreaterThan(1);
    }

    /** Receives until the job has ended and its output is all consumed; every receive consumes. */
    private static List<Taken> consume(long id, TestCaller caller, AtomicLong receives, AtomicLong empty) {
        ReceiveSpec spec =
                new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, null, true, false);
        List<Taken> taken = new ArrayList<>();
        while (true) {
            long seen = local.host().manager().events().generation();
            JobRecord job = local.host().manager().table().get(id).orElseThrow();
            boolean ended = local.host().manager().info(job).state().isFinished();
            ReceiveResult r;
            try {
                r = local.host().manager().receiver().receive(job, spec, caller);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return taken;
            }
            receives.incrementAndGet();
            byte[] text = r.text().getBytes(StandardCharsets.US_ASCII);
            int at = 0;
            for (ReceiveResult.Range range : r.ranges()) {
                int n = (int) (range.to() - range.from());
                taken.add(new Taken(range, java.util.Arrays.copyOfRange(text, at, at + n)));
                at += n;
            }
            assertThat(at).as("text and ranges of one receive agree").isEqualTo(text.length);
            if (ended
                    && r.bytes() == 0
                    && !local.host().manager().info(id).orElseThrow().hasMoreData()) {
                return taken;
            }
            if (r.bytes() == 0) {
                empty.incrementAndGet();
                try {
                    local.host().manager().events().await(seen, 100); // until the job table changes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return taken;
                }
            }
        }
    }
}
