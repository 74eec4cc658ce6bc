package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.nio.file.Path;

/** The benchmark as a step caller: one build, owner of every job, a silent log, its own workspace. */
final class BenchCaller implements Caller {

    private final String build;
    private final Path workspace;

    BenchCaller(String build, Path workspace) {
        this.build = build;
        this.workspace = workspace;
    }

    @Override
    public String owner() {
        return "bench";
    }

    @Override
    public String build() {
        return build;
    }

    @Override
    public boolean mayReach(JobRecord job) {
        return true;
    }

    @Override
    public BuildLog log() {
        return BuildLog.NONE;
    }

    @Override
    public Workspace workspace() {
        return new DirectoryWorkspace(workspace);
    }
}
