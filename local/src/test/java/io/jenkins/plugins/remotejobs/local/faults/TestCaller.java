package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.nio.file.Path;

/** A caller that reaches every job, logs nowhere and writes files into {@code workspace}. */
record TestCaller(String build, Path workspaceDir) implements Caller {

    @Override
    public String owner() {
        return "local";
    }

    @Override
    public boolean mayReach(JobRecord job) {
        return true;
    }

    @Override
    public BuildLog log() {
        return text -> {};
    }

    @Override
    public Workspace workspace() {
        return new DirectoryWorkspace(workspaceDir);
    }
}
