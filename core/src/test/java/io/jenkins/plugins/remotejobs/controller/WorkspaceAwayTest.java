package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.host.WorkspaceUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A waiting {@code receiveJob file:} whose workspace's node goes away (its channel closes, as a
 * Jenkins agent's does when it disconnects) while the job runs: the file is begun again once the
 * node is back, within the reconnect grace, and ends up holding every byte exactly once; past the
 * grace the receive fails saying so, and nothing was consumed. Real job processes, real files; the
 * workspace is a real directory that refuses every call while it is "away".
 */
class WorkspaceAwayTest {

    private static final int LINES = 60;

    @RegisterExtension
    final InProcessController controller = InProcessController.onNodes("a1").openedByTheTest();

    /** A directory workspace that, while {@link #away} is set, fails every call as a closed channel does. */
    static final class AwayWorkspace implements Workspace {
        private final DirectoryWorkspace disk;
        volatile boolean away;
        /** Calls refused while away. */
        final AtomicInteger refused = new AtomicInteger();
        /** Bytes written into files under way. */
        final AtomicLong written = new AtomicLong();

        AwayWorkspace(Path root) {
            this.disk = new DirectoryWorkspace(root);
        }

        private void check() throws WorkspaceUnreachableException {
            if (away) {
                refused.incrementAndGet();
                throw new WorkspaceUnreachableException("the workspace's agent 'a1' is not connected", null);
            }
        }

        @Override
        public PendingFile create(String relativePath) throws IOException {
            return create(relativePath, null);
        }

        @Override
        public PendingFile create(String relativePath, String callId) throws IOException {
            check();
            PendingFile file = disk.create(relativePath, callId);
            return new PendingFile() {
                @Override
                public OutputStream stream() throws IOException {
                    check();
                    OutputStream out = file.stream();
                    return new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            check();
                            out.write(b, off, len);
                            written.addAndGet(len);
                        }
                    };
                }

                @Override
                public void commit() throws IOException {
                    check();
                    file.commit();
                }

                @Override
                public void close() {
                    if (!away) { // away, the temporary file cannot be reached to delete it
                        file.close();
                    }
                }
            };
        }
    }

    private AwayWorkspace workspace;

    private void open(Duration grace) throws IOException {
        controller.open(Limits.defaults().withReconnectGrace(grace));
        workspace = new AwayWorkspace(controller.scratch().resolve("ws"));
        controller.caller().workspace = workspace;
        controller.caller().callId = "build#1 node 9"; // as in Jenkins: its next attempt sweeps what one left
    }

    private static String expected() {
        return IntStream.rangeClosed(1, LINES).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
    }

    /** A job printing a line every 50 ms once {@code go} exists, so the test decides when output flows. */
    private JobRecord startPrinting(Path go) throws InterruptedException {
        String script = "while [ ! -e '" + go + "' ]; do sleep 0.02; done; i=1; while [ $i -le " + LINES
                + " ]; do echo line-$i; i=$((i+1)); sleep 0.05; done";
        return controller.manager().starter().start(JobManagerTest.on("a1", script, keepOnAgent), controller.caller());
    }

    private boolean keepOnAgent;

    private CompletableFuture<ReceiveResult> waitingReceive(JobRecord job, String file) {
        return controller
                .manager()
                .receiver()
                .receiveAsync(
                        job,
                        new ReceiveSpec(List.of(StreamName.STDOUT), false, true, false, null, null, file, false, false),
                        controller.caller());
    }

    /** A receive without {@code wait}, by another step call than the waiting one. */
    private ReceiveResult receiveNow(JobRecord job) throws InterruptedException {
        controller.caller().callId = "build#1 node 10";
        return controller
                .manager()
                .receiver()
                .receive(
                        job,
                        new ReceiveSpec(
                                List.of(StreamName.STDOUT), false, false, false, null, null, null, false, false),
                        controller.caller());
    }

    @ParameterizedTest(name = "output kept on the agent: {0}")
    @ValueSource(booleans = {false, true})
    void aFileWhoseNodeWentAwayAndCameBackWithinTheGraceHoldsEveryByteOnce(boolean keepOnAgent) throws Exception {
        this.keepOnAgent = keepOnAgent;
        open(Duration.ofSeconds(60));
        Path go = controller.scratch().resolve("go");
        JobRecord job = startPrinting(go);
        CompletableFuture<ReceiveResult> received = waitingReceive(job, "out/all.txt");
        Path out = controller.scratch().resolve("ws/out/all.txt");

        Files.createFile(go);
        // Away once some output went into the file under way, back before the job ends.
        await().atMost(Duration.ofSeconds(60)).until(() -> workspace.written.get() > 0);
        workspace.away = true;
        await().atMost(Duration.ofSeconds(60)).until(() -> workspace.refused.get() >= 2);
        workspace.away = false;

        ReceiveResult result = received.get(120, TimeUnit.SECONDS);
        assertThat(Files.readString(out)).isEqualTo(expected());
        assertThat(result.bytes()).isEqualTo(expected().length());
        assertThat(controller.manager().info(job.id()).orElseThrow().hasMoreData())
                .as("consumed, once")
                .isFalse();
        assertThat(receiveNow(job).text()).isEmpty();
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the file begun before the node went away, which could not be deleted then, is gone")
                    .containsExactly("all.txt");
        }
    }

    @Test
    void aFileWhoseNodeStaysAwayPastTheGraceFailsAndConsumesNothing() throws Exception {
        open(Duration.ofSeconds(2));
        Path go = controller.scratch().resolve("go");
        JobRecord job = startPrinting(go);
        workspace.away = true;
        CompletableFuture<ReceiveResult> received = waitingReceive(job, "all.txt");

        assertThatThrownBy(() -> received.get(120, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(JobException.class)
                .hasMessage("receiveJob: cannot write 'all.txt': the workspace's agent 'a1' is not connected"
                        + " (waited the reconnect grace of 2 s for it); nothing was consumed");
        assertThat(workspace.refused.get())
                .as("looked for again within the grace")
                .isGreaterThan(1);

        workspace.away = false;
        Files.createFile(go);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> controller
                        .manager()
                        .info(job.id())
                        .map(i -> i.state() == JobState.COMPLETED)
                        .orElse(false));
        assertThat(receiveNow(job).text()).as("everything is still there").isEqualTo(expected());
        assertThat(controller.scratch().resolve("all.txt")).doesNotExist();
    }
}
