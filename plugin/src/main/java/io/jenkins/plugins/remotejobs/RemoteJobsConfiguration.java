package io.jenkins.plugins.remotejobs;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Label;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import java.time.Duration;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where remote jobs may run and the limits they live under, set in Manage Jenkins → System or by
 * Configuration as Code ({@code unclassified: remoteJobs: ...}).
 */
@Extension
@Symbol("remoteJobs")
public final class RemoteJobsConfiguration extends GlobalConfiguration {

    private String allowedNodes = "";
    private int retentionDays = 7;
    /** Null in configurations saved before the setting existed: the default applies. */
    private Integer unreceivedRetentionDays;

    private int textCapMiB = 10;
    private long spoolCapMiB = 8192;
    private String spoolCapPolicy = Limits.SpoolCapPolicy.TRUNCATE.name();
    private int lostAfterMinutes;
    /** Null in configurations saved before the setting existed: the default applies. */
    private Integer reconnectGraceSeconds;
    /** Null in configurations saved before the setting existed: the default applies. */
    private Long spoolQuotaMiB;

    public RemoteJobsConfiguration() {
        load();
    }

    public static RemoteJobsConfiguration get() {
        return ExtensionList.lookupSingleton(RemoteJobsConfiguration.class);
    }

    /** The limits the job manager applies, read afresh at each use. */
    public Limits limits() {
        return Limits.defaults()
                .withTextCap((long) textCapMiB << 20)
                .withSpoolCap(spoolCapMiB << 20, Limits.SpoolCapPolicy.valueOf(spoolCapPolicy))
                .withRetention(Duration.ofDays(retentionDays), Duration.ofDays(getUnreceivedRetentionDays()))
                .withLostAfter(Duration.ofMinutes(lostAfterMinutes))
                .withReconnectGrace(Duration.ofSeconds(getReconnectGraceSeconds()))
                .withSpoolQuota(getSpoolQuotaMiB() << 20);
    }

    /** A label expression selecting the agents jobs may run on; empty for every permanent agent. */
    public String getAllowedNodes() {
        return allowedNodes;
    }

    @DataBoundSetter
    public void setAllowedNodes(String allowedNodes) {
        this.allowedNodes = allowedNodes == null ? "" : allowedNodes.trim();
        save();
    }

    public int getRetentionDays() {
        return retentionDays;
    }

    @DataBoundSetter
    public void setRetentionDays(int retentionDays) {
        this.retentionDays = Math.max(1, retentionDays);
        save();
    }

    /** Days a finished job whose output nobody received stays; 0 for ever. */
    public int getUnreceivedRetentionDays() {
        return unreceivedRetentionDays != null
                ? unreceivedRetentionDays
                : (int) Limits.DEFAULT_UNRECEIVED_RETENTION.toDays();
    }

    @DataBoundSetter
    public void setUnreceivedRetentionDays(int unreceivedRetentionDays) {
        this.unreceivedRetentionDays = Math.max(0, unreceivedRetentionDays);
        save();
    }

    public int getTextCapMiB() {
        return textCapMiB;
    }

    @DataBoundSetter
    public void setTextCapMiB(int textCapMiB) {
        this.textCapMiB = Math.max(1, textCapMiB);
        save();
    }

    public long getSpoolCapMiB() {
        return spoolCapMiB;
    }

    @DataBoundSetter
    public void setSpoolCapMiB(long spoolCapMiB) {
        this.spoolCapMiB = Math.max(1, spoolCapMiB);
        save();
    }

    public String getSpoolCapPolicy() {
        return spoolCapPolicy;
    }

    @DataBoundSetter
    public void setSpoolCapPolicy(String spoolCapPolicy) {
        this.spoolCapPolicy = Limits.SpoolCapPolicy.valueOf(spoolCapPolicy).name();
        save();
    }

    public int getLostAfterMinutes() {
        return lostAfterMinutes;
    }

    @DataBoundSetter
    public void setLostAfterMinutes(int lostAfterMinutes) {
        this.lostAfterMinutes = Math.max(0, lostAfterMinutes);
        save();
    }

    /**
     * How long an agent may be away before waits give up on its jobs (they go on waiting through a
     * blip, an agent restart or a controller restart) and before a start on it fails.
     */
    public int getReconnectGraceSeconds() {
        return reconnectGraceSeconds == null ? (int) Limits.DEFAULT_RECONNECT_GRACE.toSeconds() : reconnectGraceSeconds;
    }

    @DataBoundSetter
    public void setReconnectGraceSeconds(int reconnectGraceSeconds) {
        this.reconnectGraceSeconds = Math.max(0, reconnectGraceSeconds);
        save();
    }

    /**
     * Most output the controller keeps for all jobs together, in MiB; 0 for no limit. At the quota,
     * collection pauses (the output waits on the agents) and an administrative monitor says so.
     */
    public long getSpoolQuotaMiB() {
        return spoolQuotaMiB == null ? Limits.DEFAULT_SPOOL_QUOTA_BYTES >> 20 : spoolQuotaMiB;
    }

    @DataBoundSetter
    public void setSpoolQuotaMiB(long spoolQuotaMiB) {
        this.spoolQuotaMiB = Math.max(0, spoolQuotaMiB);
        save();
    }

    public ListBoxModel doFillSpoolCapPolicyItems() {
        ListBoxModel items = new ListBoxModel();
        for (Limits.SpoolCapPolicy p : Limits.SpoolCapPolicy.values()) {
            items.add(p.name(), p.name());
        }
        return items;
    }

    @POST
    public FormValidation doCheckAllowedNodes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok(Messages.RemoteJobsConfiguration_everyPermanentAgent());
        }
        try {
            Label.parseExpression(value.trim());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(Messages.RemoteJobsConfiguration_badLabel(value, e.getMessage()));
        }
    }
}
