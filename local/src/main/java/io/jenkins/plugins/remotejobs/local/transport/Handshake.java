package io.jenkins.plugins.remotejobs.local.transport;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The first bytes on every loopback connection, before RMI sees any: a mutual challenge-response on
 * the run's secret. Each side proves it knows the secret with an HMAC over both sides' fresh nonces,
 * so neither the secret nor a reusable proof ever crosses the wire, and a process that took over a
 * dead agent's port learns nothing and gets no call from the controller.
 *
 * <pre>
 * client → server: MAGIC, clientNonce
 * server → client: serverNonce, HMAC(secret, "server", clientNonce, serverNonce)
 * client → server: HMAC(secret, "client", clientNonce, serverNonce)
 * </pre>
 */
final class Handshake {

    private static final int MAGIC = 0x524a4831; // "RJH1"
    private static final int NONCE_LENGTH = 32;
    private static final int MAC_LENGTH = 32;
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /** Runs the client half; on return the peer has proved it knows the secret. */
    static void asClient(InputStream rawIn, OutputStream rawOut, AgentSecret secret, int port) throws IOException {
        // Unbuffered input: RMI's own bytes follow at once and must stay in the socket.
        DataInputStream in = new DataInputStream(rawIn);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 128));
        byte[] clientNonce = nonce();
        out.writeInt(MAGIC);
        out.write(clientNonce);
        out.flush();
        byte[] serverNonce = readFully(in, NONCE_LENGTH);
        byte[] serverProof = readFully(in, MAC_LENGTH);
        if (!MessageDigest.isEqual(serverProof, secret.mac(SERVER, clientNonce, serverNonce))) {
            throw new IOException("the process listening on port " + port
                    + " did not prove it knows this run's secret: it is not our agent");
        }
        out.write(secret.mac(CLIENT, clientNonce, serverNonce));
        out.flush();
    }

    /** Runs the server half; on return the peer has proved it knows the secret. */
    static void asServer(InputStream rawIn, OutputStream rawOut, AgentSecret secret) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 128));
        if (in.readInt() != MAGIC) {
            throw new IOException("a connection did not start with the remote-jobs handshake");
        }
        byte[] clientNonce = readFully(in, NONCE_LENGTH);
        byte[] serverNonce = nonce();
        out.write(serverNonce);
        out.write(secret.mac(SERVER, clientNonce, serverNonce));
        out.flush();
        byte[] clientProof = readFully(in, MAC_LENGTH);
        if (!MessageDigest.isEqual(clientProof, secret.mac(CLIENT, clientNonce, serverNonce))) {
            throw new IOException("a connection did not prove it knows this run's secret");
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(n);
        return n;
    }

    private static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
