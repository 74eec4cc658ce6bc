package io.jenkins.plugins.remotejobs;

import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.remotejobs.controller.JobRecord;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Who may reach a remote job. A job belongs to the Jenkins job that started it (any of its builds).
 * A build reaches its own Jenkins job's remote jobs, and another job's only when it runs as a user
 * (not SYSTEM, Jenkins' default for builds) with Item/READ on that job. In the UI, Item/READ on the
 * owner views, Item/CANCEL stops and removes; jobs whose owner is gone are for administrators.
 */
public final class JobAccess {

    private JobAccess() {}

    /** Whether a build of {@code ownerJob}, running as {@code auth}, may reach {@code job}. */
    public static boolean buildMayReach(String ownerJob, Authentication auth, JobRecord job) {
        if (ownerJob.equals(job.owner())) {
            return true;
        }
        if (ACL.SYSTEM2.equals(auth)) {
            return false;
        }
        Item owner = ownerItem(job);
        return owner != null && owner.hasPermission2(auth, Item.READ);
    }

    /** Whether the current user may see {@code job} in the UI. */
    public static boolean mayView(JobRecord job) {
        Item owner = ownerItem(job);
        return owner != null ? owner.hasPermission(Item.READ) : Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** Whether the current user may stop or remove {@code job} in the UI. */
    public static boolean mayControl(JobRecord job) {
        Item owner = ownerItem(job);
        return owner != null ? owner.hasPermission(Item.CANCEL) : Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** The owner job, looked up as SYSTEM (permissions are checked by the callers), or null when gone. */
    public static Item ownerItem(JobRecord job) {
        if (job.owner() == null) {
            return null;
        }
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return Jenkins.get().getItemByFullName(job.owner(), Item.class);
        }
    }
}
