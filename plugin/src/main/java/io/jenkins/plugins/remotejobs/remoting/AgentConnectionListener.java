package io.jenkins.plugins.remotejobs.remoting;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.slaves.ComputerListener;
import hudson.slaves.OfflineCause;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the job manager when an agent's channel comes and goes: its jobs turn Disconnected, and
 * collection resumes when it is back.
 */
@Extension
public final class AgentConnectionListener extends ComputerListener {

    private static final Logger LOG = Logger.getLogger(AgentConnectionListener.class.getName());

    @Override
    public void onOnline(Computer c, TaskListener listener) throws IOException, InterruptedException {
        Node node = c.getNode();
        if (node != null) {
            RemoteJobsService.get().directory().fireConnected(node.getNodeName());
        }
    }

    @Override
    public void onOffline(Computer c, OfflineCause cause) {
        Node node = c.getNode();
        if (node == null) {
            return;
        }
        try {
            RemoteJobsService.get().directory().fireDisconnected(node.getNodeName());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not mark the remote jobs of " + node.getNodeName() + " disconnected", e);
        }
    }
}
