package io.jenkins.plugins.remotejobs.controller;

import java.nio.file.Path;

/** A caller that reaches every job, logs into a buffer and writes files under a directory. */
final class TestCaller implements Caller {

    final StringBuilder log = new StringBuilder();
    private final String build;
    private final Path workspace;

    TestCaller(String build, Path workspace) {
        this.build = build;
        this.workspace = workspace;
    }

    @Override
    public String owner() {
        return "test";
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
        return text -> {
            synchronized (log) {
                log.append(text);
            }
        };
    }

    @Override
    public Workspace workspace() {
        return new DirectoryWorkspace(workspace);
    }
}
