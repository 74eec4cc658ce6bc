package io.jenkins.plugins.remotejobs.remoting;

import io.jenkins.plugins.remotejobs.protocol.AgentCall;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/**
 * The one controller-to-agent callable of the protocol: it carries one {@link AgentCall} (a plain
 * record of the protocol) to the agent and runs it on the job cache of its root there, which
 * validates every id.
 */
final class CacheCall<V> extends MasterToSlaveCallable<V, IOException> {

    private static final long serialVersionUID = 1L;

    private final String root;
    private final AgentCall<V> call;

    CacheCall(String root, AgentCall<V> call) {
        this.root = root;
        this.call = call;
    }

    @Override
    public V call() throws IOException {
        return call.on(AgentCaches.open(root));
    }
}
