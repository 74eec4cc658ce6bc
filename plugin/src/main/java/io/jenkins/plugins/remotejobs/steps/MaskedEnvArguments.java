package io.jenkins.plugins.remotejobs.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * What Pipeline keeps of a {@code remoteJob} step's arguments on its flow node (in the build's
 * directory, and shown by Pipeline's views), with each {@code env:} value replaced by {@code ****}:
 * names stay, values are the job's process's alone. Pipeline records the arguments as given before
 * the step starts; the step puts this record in their place as it starts.
 */
final class MaskedEnvArguments extends ArgumentsAction {

    static final String MASK = "****";

    private final Map<String, Object> arguments;

    private MaskedEnvArguments(Map<String, Object> arguments) {
        this.arguments = arguments;
    }

    /** Replaces the recorded arguments of {@code node} when they hold {@code env:} values. */
    static void replaceOn(FlowNode node) {
        ArgumentsAction recorded = node == null ? null : node.getPersistentAction(ArgumentsAction.class);
        if (recorded == null || !(recorded.getArguments().get("env") instanceof List<?> env) || env.isEmpty()) {
            return;
        }
        Map<String, Object> masked = new LinkedHashMap<>(recorded.getArguments());
        masked.put("env", masked(env));
        node.replaceActions(ArgumentsAction.class, new MaskedEnvArguments(masked));
    }

    private static List<String> masked(List<?> env) {
        List<String> out = new ArrayList<>(env.size());
        for (Object entry : env) {
            String s = String.valueOf(entry);
            int eq = s.indexOf('=');
            out.add((eq < 0 ? s : s.substring(0, eq)) + "=" + MASK);
        }
        return out;
    }

    @Override
    protected Map<String, Object> getArgumentsInternal() {
        return arguments;
    }
}
