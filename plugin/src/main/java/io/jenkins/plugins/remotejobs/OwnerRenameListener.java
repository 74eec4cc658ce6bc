package io.jenkins.plugins.remotejobs;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps ownership right when an owner job is renamed or moved: its remote jobs follow it. A deleted
 * owner leaves its jobs to administrators (they are not removed: their output may still matter).
 */
@Extension
public final class OwnerRenameListener extends ItemListener {

    private static final Logger LOG = Logger.getLogger(OwnerRenameListener.class.getName());

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        try {
            RemoteJobsService.get().steps().manager().table().reassignOwner(oldFullName, newFullName);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not move remote jobs from " + oldFullName + " to " + newFullName, e);
        }
    }
}
