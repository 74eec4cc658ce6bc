package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A caller that reaches every job, logs into a buffer and writes files under a directory. */
final class TestCaller implements Caller {

    final StringBuilder log = new StringBuilder();
    /** What {@link #mayControl} and {@link #mayListAgent} answer. */
    boolean control = true;

    boolean listAgents = true;
    /** What {@link #environment} answers per node; a node mapped to {@code null} cannot be read. */
    final java.util.Map<String, List<String>> environments = new java.util.HashMap<>();

    /** The workspace {@link #workspace} answers; by default the directory given, on no node. */
    Workspace workspace;

    private final String build;

    TestCaller(String build, Path workspace) {
        this.build = build;
        this.workspace = new DirectoryWorkspace(workspace);
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
    public boolean mayControl(JobRecord job) {
        return control;
    }

    @Override
    public boolean mayListAgent(String node) {
        return listAgents;
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
    public List<String> environment(String node) throws IOException {
        if (environments.containsKey(node) && environments.get(node) == null) {
            throw new IOException("channel closed while reading the environment");
        }
        return environments.getOrDefault(node, List.of());
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }
}
