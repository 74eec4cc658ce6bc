package io.jenkins.plugins.remotejobs.local.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection handshake over real loopback sockets, in one JVM. */
class HandshakeTest {

    @Test
    void peersWithTheSameSecretAuthenticateEachOther() throws Exception {
        AgentSecret secret = AgentSecret.generate();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> serverSide = serve(server, secret);
            try (Socket client = connect(server)) {
                Handshake.asClient(client.getInputStream(), client.getOutputStream(), secret, server.getLocalPort());
                serverSide.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aServerWithoutTheSecretIsRefusedAndNeverGetsTheClientsProof() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> impostor = serve(server, AgentSecret.generate());
            try (Socket client = connect(server)) {
                assertThatThrownBy(() -> Handshake.asClient(
                                client.getInputStream(), client.getOutputStream(), AgentSecret.generate(), 1))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("not our agent");
            }
            // The impostor waited for a proof and got the end of the stream instead.
            assertThatThrownBy(() -> impostor.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void aClientWithoutTheSecretIsRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentSecret secret = AgentSecret.generate();
            CompletableFuture<Void> serverSide = serve(server, secret);
            try (Socket client = connect(server)) {
                client.getOutputStream().write(new byte[] {'R', 'J', 'H', '1'});
                client.getOutputStream().write(new byte[32 + 32]); // a nonce, then a made-up proof
                client.getOutputStream().flush();
                assertThatThrownBy(() -> serverSide.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IOException.class)
                        .hasMessageContaining("did not prove");
            }
        }
    }

    private static Socket connect(ServerSocket server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static CompletableFuture<Void> serve(ServerSocket server, AgentSecret secret) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                Handshake.asServer(s.getInputStream(), s.getOutputStream(), secret);
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return done;
    }
}
