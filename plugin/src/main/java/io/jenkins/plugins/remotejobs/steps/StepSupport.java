package io.jenkins.plugins.remotejobs.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.remotejobs.BuildCaller;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/** What all six steps share: who calls, and how a user's mistake is reported. */
final class StepSupport {

    /** Every step needs the build and its log; none needs a node. */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class);

    private StepSupport() {}

    static BuildCaller caller(StepContext context, Authentication auth) throws Exception {
        return caller(context, auth, new java.util.HashMap<>());
    }

    /** A caller that records in {@code shown} how far output is shown in the log (a resumable step keeps it). */
    static BuildCaller caller(StepContext context, Authentication auth, Map<String, Long> shown) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = workspace(context);
        EnvironmentExpander expander = context.get(EnvironmentExpander.class);
        return new BuildCaller(run, listener, workspace, again(context), auth, shown, expander, callIdOf(context));
    }

    /**
     * The step's call, named from the build and the step's flow node, which Pipeline keeps durably:
     * a step run again after a crash before Pipeline saved its result gets the same name (a start
     * re-sends its launches under it, a receive is handed what it consumed). The build's timestamp
     * is part of it: a job deleted and created again under its name numbers its builds from 1
     * again, and its steps must not be taken for the old builds'. {@code null} outside a build.
     */
    static String callIdOf(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> build = context.get(Run.class);
        FlowNode node = context.get(FlowNode.class);
        if (build == null || node == null) {
            return null;
        }
        return JobIds.instanceIdOf(build.getExternalizableId() + " " + build.getTimeInMillis() + " " + node.getId());
    }

    /**
     * A caller for work done on the CPS thread, which must not wait: empty when the workspace of
     * the {@code node} block around the step cannot be had at once (its agent is not back yet).
     */
    static Optional<BuildCaller> callerWithoutWaiting(StepContext context, Authentication auth) throws Exception {
        FilePath workspace;
        try {
            workspace = context.get(FilePath.class);
        } catch (IOException agentNotBack) {
            return Optional.empty();
        }
        return Optional.of(new BuildCaller(
                context.get(Run.class),
                context.get(TaskListener.class),
                workspace,
                again(context),
                auth,
                new java.util.HashMap<>(),
                context.get(EnvironmentExpander.class),
                callIdOf(context)));
    }

    /**
     * The workspace of the {@code node} block around the step, or {@code null} outside one. Right
     * after a controller restart its agent may not be back yet (Pipeline then cannot make the
     * workspace live): it is waited for as the engine waits for agents, up to the reconnect grace.
     */
    private static FilePath workspace(StepContext context) throws Exception {
        try {
            return context.get(FilePath.class);
        } catch (IOException agentNotBack) {
            Node node = context.get(Node.class);
            if (node == null || !steps().manager().agentWaits().awaitConnected(node.getNodeName())) {
                throw agentNotBack;
            }
            return context.get(FilePath.class);
        }
    }

    /** Pipeline makes the {@code node} block's workspace live on its agent's current channel. */
    private static BuildCaller.WorkspaceLookup again(StepContext context) {
        return () -> context.get(FilePath.class);
    }

    static Authentication currentAuthentication() {
        return Jenkins.getAuthentication2();
    }

    static JobSteps steps() throws Exception {
        return RemoteJobsService.get().steps();
    }

    /**
     * A user's mistake becomes an {@link AbortException}, which Pipeline shows as its message alone;
     * anything else stays as it is.
     */
    static Exception userFacing(Exception e) {
        if (e instanceof StepArgumentException || e instanceof JobException || e instanceof IllegalStateException) {
            return new AbortException(e.getMessage());
        }
        return e;
    }

    /** Validates raw Pipeline arguments with the engine's validator before a step is created. */
    static void validate(Map<String, Object> arguments, java.util.function.Consumer<Map<String, Object>> validator)
            throws AbortException {
        try {
            validator.accept(arguments);
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
