package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.controller.model.StartSpec;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code receiveJob file:} of a job kept on an agent, into a workspace on that same agent: the
 * bytes are copied there from the job cache and never read through the agent protocol, and what is
 * consumed is exactly what the usual path consumes. Real job caches, real processes, real files.
 */
class ReceiveOnTheNodeTest {

    /** Several MiB, not a multiple of any buffer size. */
    private static final int SIZE = (6 << 20) + 12_345;

    ReadCounter directory;
    Path stdout;
    Path stderr;

    @RegisterExtension
    final InProcessController controller =
            InProcessController.onNodes("a1", "a2").between(agents -> directory = new ReadCounter(agents));

    @BeforeEach
    void start() throws IOException {
        controller.caller().workspace = workspaceOn("a1");
        stdout = randomFile("stdout.bin", SIZE, 1);
        stderr = randomFile("stderr.bin", SIZE / 3, 2);
    }

    private DirectoryWorkspace workspaceOn(String node) {
        return new DirectoryWorkspace(
                controller.scratch().resolve("ws-" + node),
                node,
                (id, stream, from, to, target) ->
                        controller.agents().cache(node).copyOutput(id, stream, from, to, target));
    }

    private Path randomFile(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(controller.scratch().resolve(name), bytes);
    }

    private JobRecord startKept(String node, String script) throws InterruptedException {
        return controller.manager().starter().start(JobManagerTest.on(node, script, true), controller.caller());
    }

    private void awaitState(long id, JobState state) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> controller.manager().info(id).orElseThrow(), i -> i.state() == state);
    }

    private ReceiveResult receive(JobRecord job, List<StreamName> streams, boolean keep, boolean wait, String file)
            throws InterruptedException {
        return controller
                .manager()
                .receiver()
                .receive(
                        job,
                        new ReceiveSpec(streams, keep, wait, false, null, null, file, false, false),
                        controller.caller());
    }

    private JobStatus onAgent(String node, JobRecord job) throws IOException {
        return controller.agents().cache(node).status(job.instanceId());
    }

    private Path received(String node, String file) {
        return controller.scratch().resolve("ws-" + node).resolve(file);
    }

    private static String sha256(Path... files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path f : files) {
            digest.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void keptOutputIsCopiedOnItsOwnNodeAndConsumedOnlyOnceInPlace() throws Exception {
        JobRecord job = startKept("a1", "cat '" + stdout + "'");
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receive(job, List.of(StreamName.STDOUT), true, false, "kept.bin")
                        .bytes())
                .isEqualTo(SIZE);
        assertThat(sha256(received("a1", "kept.bin"))).isEqualTo(sha256(stdout));
        assertThat(onAgent("a1", job).stdoutCursor())
                .as("keep consumes nothing")
                .isZero();

        assertThat(receive(job, List.of(StreamName.STDOUT), false, false, "out/all.bin")
                        .bytes())
                .isEqualTo(SIZE);
        assertThat(sha256(received("a1", "out/all.bin"))).isEqualTo(sha256(stdout));
        assertThat(onAgent("a1", job).stdoutCursor()).isEqualTo(SIZE);
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();

        // Consumed once: a second receive replaces its file with nothing new.
        assertThat(receive(job, List.of(StreamName.STDOUT), false, false, "out/all.bin")
                        .bytes())
                .isZero();
        assertThat(received("a1", "out/all.bin")).isEmptyFile();

        assertThat(directory.readBytes(job))
                .as("output bytes read through the agent protocol")
                .isZero();
        assertThat(controller.caller().log.toString())
                .contains("receiveJob: wrote " + SIZE + " bytes of job " + job.id());
        try (var files = Files.list(received("a1", "out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("all.bin");
        }
    }

    @Test
    void bothStreamsGoIntoOneFileStdoutFirstEachStreamConsumedOnItsOwn() throws Exception {
        JobRecord job = startKept("a1", "cat '" + stdout + "'; cat '" + stderr + "' >&2");
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receive(job, List.of(StreamName.STDOUT, StreamName.STDERR), false, false, "both.bin")
                        .bytes())
                .isEqualTo(SIZE + Files.size(stderr));

        assertThat(sha256(received("a1", "both.bin"))).isEqualTo(sha256(stdout, stderr));
        assertThat(onAgent("a1", job).stdoutCursor()).isEqualTo(SIZE);
        assertThat(onAgent("a1", job).stderrCursor()).isEqualTo(Files.size(stderr));
        assertThat(directory.readBytes(job)).isZero();
    }

    @Test
    void aWaitingReceiveCopiesWhatTheJobWritesUntilItEnds() throws Exception {
        Path go = controller.scratch().resolve("go");
        assertThat(new ProcessBuilder("mkfifo", go.toString()).start().waitFor())
                .isZero();
        // The second copy is written only once the receive has copied the first one.
        JobRecord job = startKept("a1", "cat '" + stdout + "'; read line < '" + go + "'; cat '" + stdout + "'");
        var receiving = controller
                .manager()
                .receiver()
                .receiveAsync(
                        job,
                        new ReceiveSpec(
                                List.of(StreamName.STDOUT), false, true, false, null, null, "w.bin", true, false),
                        controller.caller());
        await().atMost(Duration.ofSeconds(60)).until(() -> receivingSize("a1") == SIZE);
        Files.writeString(go, "go\n");

        assertThat(receiving.get(60, java.util.concurrent.TimeUnit.SECONDS).bytes())
                .isEqualTo(2L * SIZE);
        assertThat(sha256(received("a1", "w.bin"))).isEqualTo(sha256(stdout, stdout));
        assertThat(onAgent("a1", job).stdoutCursor()).isEqualTo(2L * SIZE);
        assertThat(directory.readBytes(job)).isZero();
    }

    /** The size of the file a receive is writing on the node now; -1 while there is none. */
    private long receivingSize(String node) throws IOException {
        try (var files = Files.list(controller.scratch().resolve("ws-" + node))) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().startsWith(".receiving-")) {
                    return Files.size(f);
                }
            }
        }
        return -1;
    }

    @Test
    void aWorkspaceOnAnotherNodeReceivesThroughTheProtocolAsBefore() throws Exception {
        controller.caller().workspace = workspaceOn("a2");
        JobRecord job = startKept("a1", "cat '" + stdout + "'");
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receive(job, List.of(StreamName.STDOUT), false, false, "other.bin")
                        .bytes())
                .isEqualTo(SIZE);

        assertThat(sha256(received("a2", "other.bin"))).isEqualTo(sha256(stdout));
        assertThat(onAgent("a1", job).stdoutCursor()).isEqualTo(SIZE);
        assertThat(directory.readBytes(job))
                .as("the counter sees the usual path")
                .isEqualTo(SIZE);
    }

    @Test
    void aParentsChildrenGoTheUsualWayWithTheirHeaders() throws Exception {
        StartSpec fan = new StartSpec(
                null, List.of("a1", "a2"), null, "cat '" + stderr + "'", "sh", "fan", true, null, List.of(), 0, 2);
        JobRecord parent = controller.manager().starter().start(fan, controller.caller());
        awaitState(parent.id(), JobState.COMPLETED);

        long size = Files.size(stderr);
        assertThat(receive(parent, List.of(StreamName.STDOUT), false, false, "fan.bin")
                        .bytes())
                .isEqualTo(2 * size);

        List<JobRecord> children = controller
                .manager()
                .children(controller.manager().table().get(parent.id()).orElseThrow());
        byte[] file = Files.readAllBytes(received("a1", "fan.bin"));
        String header = "--- a1 (job " + children.get(0).id() + ") ---\n";
        assertThat(new String(file, 0, header.length(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(header);
        assertThat(file).hasSize((int) (2 * size) + header.length() * 2);
        assertThat(directory.readBytes(children.get(0))).isEqualTo(size);
    }

    @Test
    void aControllerModeJobIsReceivedFromTheSpool() throws Exception {
        JobRecord job = controller
                .manager()
                .starter()
                .start(JobManagerTest.on("a1", "cat '" + stdout + "'", false), controller.caller());
        awaitState(job.id(), JobState.COMPLETED);

        assertThat(receive(job, List.of(StreamName.STDOUT), false, false, "spooled.bin")
                        .bytes())
                .isEqualTo(SIZE);

        assertThat(sha256(received("a1", "spooled.bin"))).isEqualTo(sha256(stdout));
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .isFalse();
    }

    /** The agents, with every output byte that a read through the protocol returns counted per job. */
    static final class ReadCounter extends InterceptedAgents {
        private final Map<String, LongAdder> bytes;

        ReadCounter(InProcessAgents agents) {
            this(agents, new ConcurrentHashMap<>());
        }

        private ReadCounter(InProcessAgents agents, Map<String, LongAdder> bytes) {
            super(agents, (real, method, args) -> {
                Object result = proceed(real, method, args);
                if (result instanceof ReadResult read) {
                    for (Chunk c : read.chunks()) {
                        bytes.computeIfAbsent(c.instanceId(), k -> new LongAdder())
                                .add(c.data().length);
                    }
                }
                return result;
            });
            this.bytes = bytes;
        }

        long readBytes(JobRecord job) {
            LongAdder n = bytes.get(job.instanceId());
            return n == null ? 0 : n.sum();
        }
    }
}
