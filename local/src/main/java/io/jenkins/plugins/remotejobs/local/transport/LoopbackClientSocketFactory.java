package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;

/**
 * Makes the controller's connections to an agent. Travels inside the stub, without the secret (the
 * field is transient); {@link StubCodec} gives the controller's copy the run's secret as it reads the
 * stub. Whatever host the stub names, it connects to the loopback address only, runs the
 * {@link Handshake}, and sets a read timeout longer than any wait an agent may take, so a hung agent
 * turns into an error instead of a stuck caller.
 */
final class LoopbackClientSocketFactory implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Longer than the longest wait a read may ask of an agent ({@link RemoteAgentClient#MAX_WAIT_MILLIS}). */
    static final int READ_TIMEOUT_MILLIS = 90_000;

    private final transient AgentSecret secret;

    /** The agent's copy, exported without the secret. */
    LoopbackClientSocketFactory() {
        this(null);
    }

    private LoopbackClientSocketFactory(AgentSecret secret) {
        this.secret = secret;
    }

    LoopbackClientSocketFactory withSecret(AgentSecret secret) {
        return new LoopbackClientSocketFactory(secret);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        if (secret == null) {
            throw new IOException("this agent stub was not read with the run's secret");
        }
        BufferedSocket socket = new BufferedSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(LoopbackServerSocketFactory.HANDSHAKE_TIMEOUT_MILLIS);
            Handshake.asClient(socket.rawInputStream(), socket.rawOutputStream(), secret, port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    // RMI shares connections between stubs whose factories are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof LoopbackClientSocketFactory other
                && (secret == null ? other.secret == null : secret.equals(other.secret));
    }

    @Override
    public int hashCode() {
        return LoopbackClientSocketFactory.class.hashCode();
    }
}
