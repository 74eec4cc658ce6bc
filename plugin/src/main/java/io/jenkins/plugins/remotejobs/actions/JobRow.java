package io.jenkins.plugins.remotejobs.actions;

import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One row of the Remote Jobs table, as the views and {@code api/json} show it. */
@ExportedBean(defaultVisibility = 2)
public final class JobRow {

    private final JobInfo info;

    JobRow(JobInfo info) {
        this.info = info;
    }

    @Exported
    public long getId() {
        return info.id();
    }

    @Exported
    public String getInstanceId() {
        return info.instanceId();
    }

    @Exported
    public String getName() {
        return info.name();
    }

    @Exported
    public String getState() {
        return info.state().label();
    }

    @Exported
    public boolean isHasMoreData() {
        return info.hasMoreData();
    }

    @Exported
    public String getLocation() {
        return info.location();
    }

    @Exported
    public String getCommand() {
        return info.command();
    }

    @Exported
    public Integer getExitCode() {
        return info.exitCode();
    }

    @Exported
    public String getReason() {
        return info.reason();
    }

    @Exported
    public String getOwner() {
        return info.owner();
    }

    @Exported
    public String getBuild() {
        return info.build();
    }

    /** Jobs the controller knows have an id; jobs found only in an agent's cache do not. */
    public boolean isKnown() {
        return info.id() != 0;
    }
}
