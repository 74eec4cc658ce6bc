package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' caller, in core and in the local host's fault tests: it reaches every job, logs into a
 * buffer and writes files under a directory. One made by {@link #resumed} stands for a step resumed
 * after a restart, which knows how far its interrupted attempt showed output.
 */
public final class TestCaller implements Caller {

    final StringBuilder log = new StringBuilder();
    /** What {@link #mayControl} and {@link #mayListAgent} answer. */
    boolean control = true;

    boolean listAgents = true;
    /** What {@link #environment} answers per node; a node mapped to {@code null} cannot be read. */
    final Map<String, List<String>> environments = new HashMap<>();

    /** What {@link #callId} answers: {@code null} by default, as where steps are never run again. */
    String callId;

    /** The workspace {@link #workspace} answers; by default the directory given, on no node. */
    Workspace workspace;

    /** How far each child's stream ({@code id/stream}) was shown; {@code null} where steps do not resume. */
    final Map<String, Long> shown;

    private final String build;

    public TestCaller(String build, Path workspace) {
        this(build, new DirectoryWorkspace(workspace), null);
    }

    private TestCaller(String build, Workspace workspace, Map<String, Long> shown) {
        this.build = build;
        this.workspace = workspace;
        this.shown = shown;
    }

    /**
     * The same build and workspace, with a log of its own, in a step resumed after a restart whose
     * interrupted attempt showed {@code childStream} ({@code id/stream}) up to {@code shownBefore}.
     */
    TestCaller resumed(String childStream, long shownBefore) {
        Map<String, Long> resumedShown = new HashMap<>();
        resumedShown.put(childStream, shownBefore);
        return new TestCaller(build, workspace, resumedShown);
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

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public long shownUpTo(long childId, StreamName stream) {
        return shown == null ? 0 : shown.getOrDefault(childId + "/" + stream.label(), 0L);
    }

    @Override
    public void shown(long childId, StreamName stream, long to) {
        if (shown != null) {
            shown.put(childId + "/" + stream.label(), to);
        }
    }
}
