package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Makes the agent's listening socket: bound to the loopback address itself (not merely advertised
 * as 127.0.0.1), and handing RMI only connections that passed the {@link Handshake}.
 *
 * <p>The handshake runs when RMI first asks an accepted socket for a stream, which it does on the
 * connection's own handler thread: a client that connects and stays silent costs one thread for
 * {@link #HANDSHAKE_TIMEOUT_MILLIS} and never blocks the accept loop.
 */
final class LoopbackServerSocketFactory implements RMIServerSocketFactory {

    static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    private static final int BACKLOG = 50;

    private final AgentSecret secret;
    private final String agentName;
    private volatile int port = -1;

    LoopbackServerSocketFactory(AgentSecret secret, String agentName) {
        this.secret = secret;
        this.agentName = agentName;
    }

    @Override
    public ServerSocket createServerSocket(int requestedPort) throws IOException {
        ServerSocket server = new AuthenticatingServerSocket(requestedPort);
        port = server.getLocalPort();
        return server;
    }

    /** The port of the last server socket made, {@code -1} before the first. */
    int port() {
        return port;
    }

    private final class AuthenticatingServerSocket extends ServerSocket {

        AuthenticatingServerSocket(int requestedPort) throws IOException {
            super(requestedPort, BACKLOG, InetAddress.getLoopbackAddress());
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new AuthenticatingSocket();
            try {
                implAccept(socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            return socket;
        }
    }

    private final class AuthenticatingSocket extends BufferedSocket {

        private boolean authenticated; // guarded by this

        @Override
        public InputStream getInputStream() throws IOException {
            authenticate();
            return super.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            authenticate();
            return super.getOutputStream();
        }

        private synchronized void authenticate() throws IOException {
            if (authenticated) {
                return;
            }
            int previousTimeout = getSoTimeout();
            setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            try {
                Handshake.asServer(rawInputStream(), rawOutputStream(), secret);
            } catch (IOException e) {
                System.err.println("remote-jobs " + agentName + ": refused a connection: " + e.getMessage());
                close();
                throw e;
            }
            setSoTimeout(previousTimeout);
            authenticated = true;
        }
    }
}
