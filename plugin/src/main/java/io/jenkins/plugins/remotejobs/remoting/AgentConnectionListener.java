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
import jenkins.model.Jenkins;

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
        if (node == null || Jenkins.get().isTerminating()) {
            // Jenkins going down takes its agents' channels with it; the jobs are not disconnected
            // from anything that will still be there, and waiting steps resume after the restart.
            return;
        }
        try {
            RemoteJobsService.get().directory().fireDisconnected(node.getNodeName());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not mark the remote jobs of " + node.getNodeName() + " disconnected", e);
        }
    }
}
