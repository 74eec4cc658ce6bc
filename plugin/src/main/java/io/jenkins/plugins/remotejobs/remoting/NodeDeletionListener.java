package io.jenkins.plugins.remotejobs.remoting;

import hudson.Extension;
import hudson.model.Node;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.NodeListener;

/** A deleted node's jobs will never report back: they become Lost. */
@Extension
public final class NodeDeletionListener extends NodeListener {

    private static final Logger LOG = Logger.getLogger(NodeDeletionListener.class.getName());

    @Override
    protected void onDeleted(Node node) {
        try {
            RemoteJobsService.get().directory().fireDeleted(node.getNodeName());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not mark the remote jobs of " + node.getNodeName() + " lost", e);
        }
    }
}
