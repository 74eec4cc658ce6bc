package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.io.IOException;

/** The agent-side object behind the stub: checks the secret, then hands the call to the job cache. */
final class ExportedJobCache implements RemoteJobCache {

    private final AgentProtocol cache;
    private final AgentSecret secret;
    private final String agentName;

    ExportedJobCache(AgentProtocol cache, AgentSecret secret, String agentName) {
        this.cache = cache;
        this.secret = secret;
        this.agentName = agentName;
    }

    @Override
    public <V> V call(byte[] secret, AgentCall<V> call) throws IOException {
        check(secret);
        return call.on(cache);
    }

    private void check(byte[] candidate) {
        if (!secret.matches(candidate)) {
            System.err.println("remote-jobs " + agentName + ": refused a call with a wrong secret");
            throw new SecurityException("wrong secret");
        }
    }
}
