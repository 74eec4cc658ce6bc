package io.jenkins.plugins.remotejobs.steps;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The validated arguments of {@code remoteJob}, the step that starts a background job. Build them
 * with {@link #from}, the one entry point that checks them; the canonical constructor only
 * normalizes (immutable lists) and is for code that already holds valid values.
 *
 * @param where the node, nodes or label given
 * @param script the script text: non-blank, at most {@link StepLimits#MAX_SCRIPT_BYTES} of UTF-8,
 *     no control characters but tab, line feed and carriage return
 * @param shell the interpreter, or {@code null} when not given: the host then picks by the agent's
 *     platform, {@code sh} everywhere but Windows (the user contract leaves Windows' default open)
 * @param name the display name, or {@code null} for the host's default {@code Job<id>}
 * @param keepOnAgent whether output stays in the agent's job cache until received
 * @param dir an absolute working directory on the agent, or {@code null} for the job's own
 * @param env extra environment as {@code NAME=value}, in the order given; never {@code null}.
 *     Values are secrets: they reach the process only, and {@link #toString} omits them
 * @param timeout seconds the job may run, from 1 to {@link StepLimits#MAX_TIMEOUT_SECONDS}, or
 *     {@code null} for no limit
 * @param throttle how many children start at once; ignored for a single node
 */
public record RemoteJobArguments(
        Placement where,
        String script,
        Shell shell,
        String name,
        boolean keepOnAgent,
        String dir,
        List<String> env,
        Long timeout,
        int throttle)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The {@code shell:} spellings, from the enum so the two cannot drift apart. */
    private static final List<String> SHELLS =
            Arrays.stream(Shell.values()).map(Shell::label).toList();

    public RemoteJobArguments {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(script, "script");
        env = env == null ? List.of() : List.copyOf(env);
    }

    /**
     * Validates {@code remoteJob}'s raw named arguments.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static RemoteJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.REMOTE_JOB, raw);
        String node = args.text("node", TextKind.NODE);
        List<String> nodes = readNodes(args);
        String label = args.text("label", TextKind.LABEL);
        String script = ScriptArgument.read(args);
        String shell = args.oneOf("shell", SHELLS);
        String name = args.text("name", TextKind.NAME);
        boolean keepOnAgent = args.bool("keepOnAgent", false);
        String dir = args.text("dir", TextKind.DIRECTORY);
        List<String> env = EnvironmentArgument.read(args);
        Long timeout = args.wholeNumber("timeout", WholeRange.TIMEOUT);
        Long throttle = args.wholeNumber("throttle", WholeRange.THROTTLE);

        args.exactlyOne("node", "nodes", "label");
        Placement where = node != null
                ? Placement.onNode(node)
                : nodes != null ? Placement.onNodes(nodes) : Placement.onLabel(label);
        return new RemoteJobArguments(
                where,
                script,
                shell == null ? null : Shell.valueOf(shell.toUpperCase(Locale.ROOT)),
                name,
                keepOnAgent,
                dir,
                env,
                timeout,
                throttle == null ? StepLimits.DEFAULT_THROTTLE : throttle.intValue());
    }

    /** Names the environment variables but never their values, and gives only the script's size. */
    @Override
    public String toString() {
        List<String> envNames = new ArrayList<>();
        for (String entry : env) {
            envNames.add(entry.substring(0, Math.max(entry.indexOf('='), 0)));
        }
        return "RemoteJobArguments[where=" + where + ", script=(" + script.length() + " chars), shell=" + shell
                + ", name=" + name + ", keepOnAgent=" + keepOnAgent + ", dir=" + dir + ", env=" + envNames
                + ", timeout=" + timeout + ", throttle=" + throttle + "]";
    }

    private static List<String> readNodes(ArgumentReader args) {
        List<?> items = args.list("nodes", "a non-empty List of node names", false);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            throw args.fail("nodes", "argument 'nodes' must be a non-empty List of node names, got an empty List");
        }
        List<String> nodes = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Object item : items) {
            String label = "nodes[" + nodes.size() + "]";
            if (item == null) {
                throw args.fail(label, "argument '" + label + "' must not be null");
            }
            String node = args.text(label, TextKind.NODE, item);
            Integer earlier = seen.putIfAbsent(node, nodes.size());
            if (earlier != null) {
                throw args.fail(
                        label,
                        "argument 'nodes' must name each node once, got " + Values.quote(node) + " as nodes[" + earlier
                                + "] and " + label);
            }
            nodes.add(node);
        }
        return nodes;
    }
}
