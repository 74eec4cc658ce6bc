package io.jenkins.plugins.remotejobs.local.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.agents.AgentLauncher;
import io.jenkins.plugins.remotejobs.local.agents.AgentProcess;
import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.io.InvalidClassException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.ServerException;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The loopback transport across a real agent JVM serving an {@link InMemoryJobCache}. */
@Tag("slow") // starts real agent JVMs
class LoopbackTransportTest {

    @TempDir
    static Path home;

    private static final AgentSecret SECRET = AgentSecret.generate();
    private static AgentLauncher launcher;
    private static AgentProcess agent;
    private static RemoteAgentClient client;

    @BeforeAll
    static void startAgent() throws Exception {
        launcher = new AgentLauncher(home, SECRET).withMainClass(TestAgentMain.class.getName());
        agent = launcher.start("agent-1");
        client = agent.awaitReady();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.stop(Duration.ofSeconds(5));
    }

    @Test
    void everyOperationMakesTheRoundTripThroughTheAgentJvm() throws Exception {
        String id = JobIds.newInstanceId();
        LaunchRequest request = new LaunchRequest(id, "build", "sh", "echo hi", null, List.of("A=1"), 0, false);

        assertThat(client.launch(request).state()).isEqualTo(AgentJobState.RUNNING);
        assertThat(client.status(id).name()).isEqualTo("build");
        assertThat(client.list()).extracting(JobStatus::instanceId).contains(id);
        ReadResult read = client.read(List.of(new ReadRequest(id, StreamName.STDOUT, 7, 1000, null)), 4096, 0);
        assertThat(new String(read.chunks().get(0).data(), StandardCharsets.UTF_8))
                .isEqualTo("echo " + id + " stdout @7");
        assertThat(read.statuses()).extracting(JobStatus::instanceId).containsExactly(id);
        assertThat(client.commit(id, StreamName.STDOUT, 0, 5).committed()).isTrue();
        assertThat(client.stop(id).state()).isEqualTo(AgentJobState.STOPPED);
        assertThat(client.release(id).instanceId()).isEqualTo(id);
        client.remove(id, false);

        assertThatThrownBy(() -> client.status(id))
                .isExactlyInstanceOf(JobCacheException.class)
                .satisfies(
                        e -> assertThat(((JobCacheException) e).kind()).isEqualTo(JobCacheException.Kind.NO_SUCH_JOB));
    }

    @Test
    void aCallWithAWrongSecretIsRefusedAndNotPerformed() throws Exception {
        RemoteAgentClient intruder = new RemoteAgentClient("agent-1", client.stub(), AgentSecret.generate());
        String id = JobIds.newInstanceId();

        assertThatThrownBy(() -> intruder.launch(new LaunchRequest(id, "x", "sh", "true", null, null, 0, false)))
                .isInstanceOf(IOException.class)
                .hasMessage("agent-1 refused the call: wrong secret");
        assertThat(calls()).doesNotContain("launch " + id);
        assertThatThrownBy(() -> client.status(id)).isInstanceOf(JobCacheException.class);
    }

    @Test
    void aConnectionWithoutTheSecretNeverReachesRmi() throws Exception {
        String stubWithoutSecret = StubCodec.encode(client.stub());
        long listsBefore = calls().stream().filter(c -> c.equals("list")).count();
        RemoteAgentClient stranger = RemoteAgentClient.connect("agent-1", stubWithoutSecret, AgentSecret.generate());

        assertThatThrownBy(stranger::list)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("agent-1 is unreachable")
                .hasMessageContaining("did not prove it knows this run's secret");
        assertThat(calls().stream().filter(c -> c.equals("list"))).hasSize((int) listsBefore);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(Files.readString(agent.logFile())).contains("refused a connection"));
    }

    @Test
    void aCallToAnAgentThatIsGoneSaysSoInOneLineWithoutJavaInternals() throws Exception {
        AgentProcess gone = launcher.start("agent-gone");
        RemoteAgentClient toGone = gone.awaitReady();
        gone.kill();
        gone.onExit().get();

        assertThatThrownBy(toGone::list)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("agent-gone is unreachable: ")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n")
                        .doesNotContain("nested exception")
                        .doesNotContain("java."));
    }

    static Stream<Object> disallowedArguments() {
        return Stream.of(
                new NotAllowed(home.resolve("gadget-ran")), new HashMap<>(), new BadAttributeValueExpException("x"));
    }

    @ParameterizedTest
    @MethodSource("disallowedArguments")
    void anArgumentOutsideTheAllowListIsRejectedBeforeTheMethodRuns(Object disallowed) throws Exception {
        List<Object> requests = new ArrayList<>();
        requests.add(disallowed);
        long readsBefore = calls().stream().filter(c -> c.startsWith("read")).count();

        @SuppressWarnings("unchecked")
        Throwable thrown = catchThrowable(() ->
                client.stub().call(SECRET.bytes(), new AgentCall.Read((List<ReadRequest>) (List<?>) requests, 100, 0)));

        assertThat(thrown).isInstanceOf(ServerException.class);
        assertThat(thrown.getCause()).isInstanceOf(UnmarshalException.class);
        assertThat(thrown.getCause().getCause())
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
        assertThat(calls().stream().filter(c -> c.startsWith("read"))).hasSize((int) readsBefore);
        assertThat(home.resolve("gadget-ran")).doesNotExist();
    }

    @Test
    void aReplyOutsideTheControllersAllowListIsRefused() {
        assertThatThrownBy(() -> client.status(InMemoryJobCache.FOREIGN_EXCEPTION_ID))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(NotAllowedException.class)
                .hasMessageStartingWith("agent-1 sent a reply that is not allowed");
    }

    @Test
    void theAgentListensOnLoopbackOnly() throws Exception {
        assumeThat(ProcFs.available()).as("Linux /proc").isTrue();
        List<ProcFs.Listener> listeners = ProcFs.listeners(agent.pid());

        // 127.0.0.1 itself, or as Java's dual-stack sockets bind it: the IPv4-mapped ::ffff:127.0.0.1.
        assertThat(listeners)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.address()).isIn("0100007F", "0000000000000000FFFF00000100007F"));
        int port = listeners.get(0).port();
        assertThat(client.stub().toString()).contains("127.0.0.1:" + port);

        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        if (external.isPresent()) {
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), port), 5_000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void theSecretIsNeitherOnTheCommandLineNorInTheEnvironment() throws Exception {
        String hex = SECRET.encoded();
        String base64 = Base64.getEncoder().encodeToString(SECRET.bytes());
        List<String> arguments = ProcessHandle.of(agent.pid())
                .flatMap(p -> p.info().arguments())
                .map(List::of)
                .orElse(List.of());
        assertThat(String.join(" ", arguments)).doesNotContain(hex).doesNotContain(base64);

        assumeThat(ProcFs.available()).as("Linux /proc").isTrue();
        String cmdline = new String(ProcFs.cmdline(agent.pid()), StandardCharsets.ISO_8859_1);
        String environ = new String(ProcFs.environ(agent.pid()), StandardCharsets.ISO_8859_1);
        assertThat(cmdline).contains("--name\0agent-1", "-Dremotejobs.agent=agent-1");
        assertThat(environ).isNotEmpty();
        for (String secretForm : List.of(hex, hex.toUpperCase(), base64)) {
            assertThat(cmdline).doesNotContain(secretForm);
            assertThat(environ).doesNotContain(secretForm);
        }
    }

    @Test
    void aSilentConnectionDoesNotHoldUpOthersAndIsDroppedAfterTheHandshakeTimeout() throws Exception {
        int port = ProcFs.available() ? ProcFs.listeners(agent.pid()).get(0).port() : portFromStub();
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port)) {
            silent.setSoTimeout(30_000);
            long start = System.nanoTime();
            // RMI would reuse a pooled connection; a fresh client forces a new one through the handshake.
            RemoteAgentClient fresh = RemoteAgentClient.connect("agent-1", StubCodec.encode(client.stub()), SECRET);
            fresh.list();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

            assertThat(silent.getInputStream().read()).as("closed by the agent").isEqualTo(-1);
        }
    }

    @Test
    void aConnectionThatDoesNotSpeakTheHandshakeIsClosedAtOnce() throws Exception {
        int port = portFromStub();
        try (Socket junk = new Socket(InetAddress.getLoopbackAddress(), port)) {
            junk.setSoTimeout(30_000);
            junk.getOutputStream().write("JRMI\0\2K".repeat(8).getBytes(StandardCharsets.US_ASCII));
            junk.getOutputStream().flush();
            assertThat(junk.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void anAgentExitsAndClosesItsCacheWhenItsStandardInputEnds() throws Exception {
        AgentProcess second = launcher.start("agent-2");
        second.awaitReady();

        second.requestStop();

        assertThat(second.onExit()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS)
                        .exitValue())
                .isZero();
        assertThat(InMemoryJobCache.calls(launcher.cacheRoot("agent-2"))).last().isEqualTo("close");
    }

    private static int portFromStub() {
        String stub = client.stub().toString();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(stub);
        assertThat(m.find()).as(stub).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> calls() throws IOException {
        return InMemoryJobCache.calls(launcher.cacheRoot("agent-1"));
    }
}
