package io.jenkins.plugins.remotejobs;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Tells administrators when the controller's spool is at its quota: collection of controller-mode
 * output is paused (the output waits on the agents) until removed jobs free room or the quota is
 * raised, so unreceived output never fills JENKINS_HOME, and never silently.
 */
@Extension
public final class SpoolQuotaMonitor extends AdministrativeMonitor {

    @Override
    public String getDisplayName() {
        return Messages.SpoolQuotaMonitor_displayName();
    }

    @Override
    public boolean isActivated() {
        JobManager manager = RemoteJobsService.get().managerIfOpen();
        return manager != null && manager.spoolUsage().atQuota();
    }

    /** The spool's use now, for the message. */
    @Restricted(NoExternalUse.class)
    public String getUsage() {
        JobManager manager = RemoteJobsService.get().managerIfOpen();
        if (manager == null) {
            return "";
        }
        JobManager.SpoolUsage usage = manager.spoolUsage();
        return Messages.SpoolQuotaMonitor_usage(usage.usedBytes() >> 20, usage.quotaBytes() >> 20);
    }
}
