package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.CallingAgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import java.io.IOException;
import java.io.InvalidClassException;
import java.rmi.RemoteException;
import java.rmi.ServerError;
import java.rmi.ServerException;
import java.rmi.UnmarshalException;
import java.util.List;
import java.util.Objects;

/**
 * The controller's view of one local agent's job cache: {@link AgentProtocol} over the loopback
 * transport, with the run's secret added to every call. Thread-safe; RMI shares its connections.
 *
 * <p>Errors: a {@link JobCacheException} and any other {@link IOException} the cache throws arrive
 * unchanged. Everything the transport adds becomes an {@link IOException} whose message starts with
 * the agent's name: "agent-2 is unreachable: ..." when it cannot be reached or dies mid-call, "agent-2
 * refused the call: ..." for a wrong secret or arguments outside the allow-list, "agent-2 sent a reply
 * that is not allowed: ..." for a reply outside the controller's allow-list, "agent-2 failed: ..." for
 * an unexpected error inside the agent. A call never blocks longer than the socket read timeout
 * (90 s), which is longer than the longest wait it passes on ({@link #MAX_WAIT_MILLIS}).
 */
public final class RemoteAgentClient extends CallingAgentProtocol {

    /** {@link #read} waits at most this long on the agent, whatever the caller asks. */
    public static final long MAX_WAIT_MILLIS = 30_000;

    private final String agentName;
    private final RemoteJobCache stub;
    private final byte[] secret;

    RemoteAgentClient(String agentName, RemoteJobCache stub, AgentSecret secret) {
        this.agentName = Objects.requireNonNull(agentName);
        this.stub = Objects.requireNonNull(stub);
        this.secret = secret.bytes();
    }

    /**
     * Connects to the agent whose {@link AgentServer#encodedStub() stub} is given. Reading the stub
     * makes one call to the agent. The first client in a JVM installs the controller's reply
     * allow-list as the JVM-wide deserialization filter, active only inside calls of this class.
     *
     * @throws IOException if the stub is malformed or outside the stub allow-list
     */
    public static RemoteAgentClient connect(String agentName, String encodedStub, AgentSecret secret)
            throws IOException {
        ReplyFilter.install();
        return new RemoteAgentClient(agentName, StubCodec.decode(encodedStub, secret), secret);
    }

    /** The agent's name, as in error messages. */
    public String agentName() {
        return agentName;
    }

    RemoteJobCache stub() {
        return stub;
    }

    /** As {@link AgentProtocol#read}, with the budget capped at 64 MiB and the wait at {@link #MAX_WAIT_MILLIS}. */
    @Override
    public ReadResult read(List<ReadRequest> requests, int byteBudget, long waitMillis) throws IOException {
        return super.read(
                requests, Math.min(byteBudget, SerialFilters.MAX_REPLY_ARRAY), Math.min(waitMillis, MAX_WAIT_MILLIS));
    }

    @Override
    public String toString() {
        return "RemoteAgentClient[" + agentName + "]";
    }

    @Override
    protected <V> V call(AgentCall<V> call) throws IOException {
        try {
            return ReplyFilter.during(() -> stub.call(secret, call));
        } catch (RemoteException e) {
            throw translate(e);
        } catch (IOException e) {
            throw e; // the cache's own answer, JobCacheException included
        } catch (SecurityException e) {
            throw new IOException(agentName + " refused the call: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException(agentName + " failed: " + e, e);
        }
    }

    private IOException translate(RemoteException e) {
        if (e instanceof ServerException && e.getCause() instanceof UnmarshalException) {
            return new IOException(agentName + " refused the call: " + plain(e.getCause()), e);
        }
        if (e instanceof ServerException || e instanceof ServerError) {
            return new IOException(agentName + " failed: " + plain(e.getCause() != null ? e.getCause() : e), e);
        }
        if (e instanceof UnmarshalException && e.getCause() instanceof InvalidClassException) {
            return new IOException(agentName + " sent a reply that is not allowed: " + plain(e), e);
        }
        return new IOException(agentName + " is unreachable: " + plain(e), e);
    }

    /**
     * A remote exception's message for a person, on one line: its own words, then those of the
     * deepest cause, without the class names RMI adds ("; nested exception is:
     * java.net.ConnectException: ...").
     */
    private static String plain(Throwable e) {
        String own = ownMessage(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? null : ownMessage(root);
        if (own == null) {
            return cause != null ? cause : e.getClass().getSimpleName();
        }
        return cause == null || own.contains(cause) ? own : own + " (" + cause + ")";
    }

    private static String ownMessage(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        int nested = message.indexOf("; nested exception is:");
        String own = (nested >= 0 ? message.substring(0, nested) : message).strip();
        return own.isEmpty() ? null : own.replaceAll("\\s*\\R\\s*", " ");
    }
}
