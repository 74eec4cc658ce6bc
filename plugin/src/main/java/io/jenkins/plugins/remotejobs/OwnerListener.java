package io.jenkins.plugins.remotejobs;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps ownership right as owner jobs come and go. A renamed or moved owner takes its remote jobs
 * and its builds' along. A deleted owner leaves its jobs to administrators (they are not removed:
 * their output may still matter), and a job created later under the same name starts with none:
 * ownership is a name, and Jenkins tells each change of it here.
 */
@Extension
public final class OwnerListener extends ItemListener {

    private static final Logger LOG = Logger.getLogger(OwnerListener.class.getName());

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        try {
            RemoteJobsService.get().steps().manager().table().ownerMoved(oldFullName, newFullName);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not move remote jobs from " + oldFullName + " to " + newFullName, e);
        }
    }

    @Override
    public void onDeleted(Item item) {
        try {
            RemoteJobsService.get().steps().manager().table().ownerDeleted(item.getFullName());
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not leave the remote jobs of " + item.getFullName() + " to administrators",
                    e);
        }
    }
}
