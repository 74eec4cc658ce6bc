package io.jenkins.plugins.remotejobs;

import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Node;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Who may do what to a remote job: one rule for steps and pages. A job belongs to the Jenkins job
 * that started it (any of its builds). Reading it (listing, waiting, showing or receiving with
 * {@code keep: true}) needs Item/READ on the owner; changing it (consuming its output, stopping,
 * removing) needs Item/CANCEL, as stopping a build does. A build has both on its own Jenkins job's
 * remote jobs; on another's it is judged by its authentication, and SYSTEM (Jenkins' default for
 * builds, which says nothing about who started them) reaches none. Jobs whose owner is gone are
 * for administrators. Listing an agent's jobs that no record knows needs Computer/EXTENDED_READ on
 * the agent, as its page does.
 */
public final class JobAccess {

    private JobAccess() {}

    /** Whether a build of {@code ownerJob}, running as {@code auth}, may reach {@code job}. */
    public static boolean buildMayReach(String ownerJob, Authentication auth, JobRecord job) {
        return buildHas(ownerJob, auth, job, Item.READ);
    }

    /** Whether a build of {@code ownerJob}, running as {@code auth}, may consume, stop or remove {@code job}. */
    public static boolean buildMayControl(String ownerJob, Authentication auth, JobRecord job) {
        return buildHas(ownerJob, auth, job, Item.CANCEL);
    }

    /** A build has every right on its own Jenkins job's remote jobs, and on another's what its user has. */
    private static boolean buildHas(String ownerJob, Authentication auth, JobRecord job, Permission permission) {
        if (ownerJob.equals(job.owner())) {
            return true;
        }
        if (ACL.SYSTEM2.equals(auth)) {
            return false;
        }
        Item owner = ownerItem(job);
        return owner != null && owner.hasPermission2(auth, permission);
    }

    /** Whether a build running as {@code auth} may list the jobs on {@code nodeName} that no record knows. */
    public static boolean buildMayListAgent(String nodeName, Authentication auth) {
        if (ACL.SYSTEM2.equals(auth)) {
            return false;
        }
        Node node = Jenkins.get().getNode(nodeName);
        Computer computer = node == null ? null : node.toComputer();
        return computer != null && computer.hasPermission2(auth, Computer.EXTENDED_READ);
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
