package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.controller.BuildLog;
import io.jenkins.plugins.remotejobs.controller.Caller;
import io.jenkins.plugins.remotejobs.controller.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.JobRecord;
import io.jenkins.plugins.remotejobs.controller.Workspace;
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
