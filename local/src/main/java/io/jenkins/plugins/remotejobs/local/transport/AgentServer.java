package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.io.IOException;
import java.rmi.NoSuchObjectException;
import java.rmi.server.UnicastRemoteObject;

/**
 * An agent's job cache, exported for its controller: listening on 127.0.0.1 on a free port, every
 * connection authenticated by the run's secret, every call checked against it, and call arguments
 * deserialized only from the {@linkplain SerialFilters#arguments() argument allow-list}, which RMI
 * applies to this object's calls before any argument is read. One per agent JVM; keep it referenced
 * for as long as the cache should be reachable, and {@link #close()} it before closing the cache.
 */
public final class AgentServer implements AutoCloseable {

    private final RemoteJobCache exported;
    private final RemoteJobCache stub;
    private final int port;

    private AgentServer(RemoteJobCache exported, RemoteJobCache stub, int port) {
        this.exported = exported;
        this.stub = stub;
        this.port = port;
    }

    /** Exports {@code cache}; it becomes reachable at once. */
    public static AgentServer export(AgentProtocol cache, AgentSecret secret, String agentName) throws IOException {
        RemoteJobCache exported = new ExportedJobCache(cache, secret, agentName);
        LoopbackServerSocketFactory serverSockets = new LoopbackServerSocketFactory(secret, agentName);
        RemoteJobCache stub = (RemoteJobCache) UnicastRemoteObject.exportObject(
                exported, 0, new LoopbackClientSocketFactory(), serverSockets, SerialFilters.arguments());
        return new AgentServer(exported, stub, serverSockets.port());
    }

    /** The loopback port the cache listens on. */
    public int port() {
        return port;
    }

    /** The stub as one line of text, for {@link RemoteAgentClient#connect}; it holds no secret. */
    public String encodedStub() throws IOException {
        return StubCodec.encode(stub);
    }

    /** Stops accepting calls, abandoning calls in progress; the listening socket closes with it. */
    @Override
    public void close() {
        try {
            UnicastRemoteObject.unexportObject(exported, true);
        } catch (NoSuchObjectException alreadyClosed) {
            // closing twice is harmless
        }
    }
}
