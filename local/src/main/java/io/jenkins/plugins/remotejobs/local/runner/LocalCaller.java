package io.jenkins.plugins.remotejobs.local.runner;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.nio.file.Path;

/**
 * The caller of a local run: it owns every job under its home (there are no other users), its
 * build is the run, and its workspace is the directory the runner started in, or the agent's
 * workspace inside {@code node(name) { }}.
 */
final class LocalCaller implements Caller {

    private final String build;
    private final BuildLog log;
    private final Path workspace;

    LocalCaller(String build, BuildLog log, Path workspace) {
        this.build = build;
        this.log = log;
        this.workspace = workspace;
    }

    /** The same run inside {@code node(name)}, whose workspace is that agent's. */
    LocalCaller inNode(String node, Path nodeWorkspace) {
        return new LocalCaller(build, log, nodeWorkspace);
    }

    @Override
    public String owner() {
        return "local";
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
        return log;
    }

    @Override
    public Workspace workspace() {
        return new DirectoryWorkspace(workspace);
    }
}
