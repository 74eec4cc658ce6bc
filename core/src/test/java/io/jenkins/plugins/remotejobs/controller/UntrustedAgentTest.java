package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.controller.collection.AgentValues;
import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.CommitResult;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an agent returns is not trusted: an agent that answers a read with output for a job of
 * another node gets none of it into the controller's spool, and more bytes than it was asked for
 * never take a spool beyond its cap. (Padding its own jobs' output is no worse than those jobs
 * printing it: the agent runs them.)
 */
class UntrustedAgentTest {

    private static final long CAP = 100;

    @TempDir
    Path tmp;

    JobCache good;
    JobCache evil;
    final List<Chunk> forged = new CopyOnWriteArrayList<>();
    JobManager manager;

    @BeforeEach
    void start() throws IOException {
        good = JobCache.open(tmp.resolve("good"), Duration.ofSeconds(2));
        evil = JobCache.open(tmp.resolve("evil"), Duration.ofSeconds(2));
        AgentProtocol lying = new Lying(evil);
        manager = JobManager.open(
                tmp.resolve("controller"),
                new AgentDirectory() {
                    @Override
                    public List<String> nodes() {
                        return List.of("good", "evil");
                    }

                    @Override
                    public List<String> nodesWithLabel(String label) {
                        return List.of();
                    }

                    @Override
                    public boolean exists(String node) {
                        return nodes().contains(node);
                    }

                    @Override
                    public Optional<AgentProtocol> connect(String node) {
                        return Optional.of(node.equals("good") ? good : lying);
                    }

                    @Override
                    public void addListener(AgentListener listener) {}
                },
                Limits.defaults().withSpoolCap(CAP, Limits.SpoolCapPolicy.TRUNCATE));
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        good.close();
        evil.close();
    }

    @Test
    void outputForAnotherNodesJobOrBeyondWhatWasAskedNeverReachesTheSpool() throws Exception {
        TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
        JobRecord victim =
                manager.starter().start(JobManagerTest.on("good", "echo genuine; sleep 2; echo end", false), caller);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.table().get(victim.id()).orElseThrow().stdoutLength() > 0);
        // The evil agent now slips output for the victim into every answer, and pads its own.
        forged.add(new Chunk(victim.instanceId(), StreamName.STDOUT, 8, "INJECTED\n".getBytes(StandardCharsets.UTF_8)));
        JobRecord own = manager.starter().start(JobManagerTest.on("evil", "printf abc", false), caller);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(victim.id()).orElseThrow().state() == JobState.COMPLETED
                        && manager.info(own.id()).orElseThrow().state() == JobState.COMPLETED);
        ReceiveSpec spec = ReceiveSpec.defaults();
        assertThat(manager.receiver().receive(victim, spec, caller).text()).isEqualTo("genuine\nend\n");
        assertThat(manager.spool().length(own.instanceId(), StreamName.STDOUT))
                .as("padding never takes a spool beyond the cap")
                .isLessThanOrEqualTo(CAP);
    }

    @Test
    void oversizedOrMalformedFieldsFromAnAgentAreBoundedAndTheTableKeepsWorking() throws Exception {
        TestCaller caller = new TestCaller("build#1", tmp.resolve("ws"));
        oversized = true;
        JobRecord own = manager.starter().start(JobManagerTest.on("evil", "echo hostile; exit 3", false), caller);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.info(own.id()).orElseThrow().state() == JobState.FAILED);

        JobRecord recorded = manager.table().get(own.id()).orElseThrow();
        assertThat(recorded.charset()).as("a charset this JVM does not know").isNull();
        assertThat(recorded.reason()).hasSizeLessThan(AgentValues.MAX_REASON_CHARS + 100);
        assertThat(manager.receiver()
                        .receive(own, ReceiveSpec.defaults(), caller)
                        .text())
                .isEqualTo("hostile\n");
        // Every other job's table writes go on, past a compaction too.
        for (int i = 0; i < 3; i++) {
            JobRecord fine = manager.starter().start(JobManagerTest.on("good", "echo fine", false), caller);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> manager.info(fine.id()).orElseThrow().state() == JobState.COMPLETED);
        }
    }

    /** What a hostile agent reports for its own job: a 70,000-character charset and reason. */
    private JobStatus tampered(JobStatus s) {
        if (!oversized) {
            return s;
        }
        String huge = "x".repeat(70_000);
        return s.withTexts(s.name(), s.command(), s.reason() == null ? null : huge, huge);
    }

    volatile boolean oversized;

    /** A real job cache whose reads add forged chunks and pad genuine ones beyond what was asked. */
    private final class Lying implements AgentProtocol {
        private final JobCache real;

        Lying(JobCache real) {
            this.real = real;
        }

        @Override
        public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
            ReadResult r = real.read(requests, byteBudget, waitMillis);
            if (oversized) {
                return new ReadResult(
                        r.chunks(),
                        r.statuses().stream()
                                .map(UntrustedAgentTest.this::tampered)
                                .toList());
            }
            List<Chunk> chunks = new ArrayList<>(forged);
            for (Chunk c : r.chunks()) {
                byte[] padded = new byte[c.data().length + 1000];
                System.arraycopy(c.data(), 0, padded, 0, c.data().length);
                chunks.add(new Chunk(c.instanceId(), c.stream(), c.offset(), padded));
            }
            return new ReadResult(chunks, r.statuses());
        }

        @Override
        public JobStatus launch(LaunchRequest request) throws IOException {
            return tampered(real.launch(request));
        }

        @Override
        public JobStatus status(String instanceId) throws IOException {
            return tampered(real.status(instanceId));
        }

        @Override
        public List<JobStatus> list() throws IOException {
            return real.list();
        }

        @Override
        public CommitResult commit(String instanceId, StreamName stream, long expected, long to) throws IOException {
            return real.commit(instanceId, stream, expected, to);
        }

        @Override
        public JobStatus stop(String instanceId) throws IOException {
            return real.stop(instanceId);
        }

        @Override
        public JobStatus release(String instanceId) throws IOException {
            return tampered(real.release(instanceId));
        }

        @Override
        public void remove(String instanceId, boolean force) throws IOException {
            real.remove(instanceId, force);
        }
    }
}
