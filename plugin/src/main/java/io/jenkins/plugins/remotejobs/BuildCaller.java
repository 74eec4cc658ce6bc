package io.jenkins.plugins.remotejobs;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.springframework.security.core.Authentication;

/**
 * A build as the engine sees it: its Jenkins job owns the jobs it starts, its log takes the steps'
 * output, its workspace (inside {@code node { }}) takes {@code file:} receives, and its
 * authentication decides which nodes and which other jobs' remote jobs it may reach.
 */
public final class BuildCaller implements Caller {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final FilePath workspace;
    private final WorkspaceLookup workspaceAgain;
    private final Authentication auth;
    /** How far each child's stream ({@code "<id>/<stream>"}) is shown in the log; kept by a resumable step. */
    private final Map<String, Long> shown;

    private final BlockEnvironment blockEnvironment;
    /** The step's call, named from the build and its flow node; {@code null} for a freestyle build step. */
    private final String callId;

    public BuildCaller(Run<?, ?> run, TaskListener listener, FilePath workspace, Authentication auth) {
        this(run, listener, workspace, auth, new HashMap<>());
    }

    /** A caller whose step keeps {@code shown} across a restart, so that a resumed wait shows nothing twice. */
    public BuildCaller(
            Run<?, ?> run, TaskListener listener, FilePath workspace, Authentication auth, Map<String, Long> shown) {
        this(run, listener, workspace, () -> workspace, auth, shown, null, null);
    }

    /**
     * A Pipeline step's caller: also hands its jobs what the blocks around the step set ({@code
     * expander}), and finds its workspace again ({@code workspaceAgain}) once the channel of the
     * one it had closed.
     */
    public BuildCaller(
            Run<?, ?> run,
            TaskListener listener,
            FilePath workspace,
            WorkspaceLookup workspaceAgain,
            Authentication auth,
            Map<String, Long> shown,
            EnvironmentExpander expander,
            String callId) {
        this.callId = callId;
        this.blockEnvironment = new BlockEnvironment(expander);
        this.run = run;
        this.listener = listener;
        this.workspace = workspace;
        this.workspaceAgain = workspaceAgain;
        this.auth = auth;
        this.shown = shown;
    }

    /** Where the workspace is now, after its agent reconnected; {@code null} or a failure while it is away. */
    @FunctionalInterface
    public interface WorkspaceLookup {
        FilePath current() throws IOException, InterruptedException;
    }

    @Override
    public String owner() {
        return run.getParent().getFullName();
    }

    @Override
    public String build() {
        return run.getExternalizableId();
    }

    @Override
    public boolean mayReach(JobRecord job) {
        return JobAccess.buildMayReach(owner(), auth, job);
    }

    @Override
    public boolean mayControl(JobRecord job) {
        return JobAccess.buildMayControl(owner(), auth, job);
    }

    @Override
    public boolean mayListAgent(String node) {
        return JobAccess.buildMayListAgent(node, auth);
    }

    @Override
    public List<String> environment(String node) throws IOException, InterruptedException {
        return blockEnvironment.forNode(node);
    }

    @Override
    public BuildLog log() {
        return text -> listener.getLogger().print(text);
    }

    @Override
    public Workspace workspace() {
        if (workspace == null) {
            throw new IllegalStateException(Messages.BuildCaller_noWorkspace());
        }
        return new FilePathWorkspace(workspace, workspaceAgain);
    }

    @Override
    public long shownUpTo(long childId, StreamName stream) {
        return shown.getOrDefault(childId + "/" + stream.label(), 0L);
    }

    @Override
    public void shown(long childId, StreamName stream, long to) {
        shown.merge(childId + "/" + stream.label(), to, Math::max);
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public void checkMayStartOn(String node) {
        NodeRules.check(node, auth);
    }
}
