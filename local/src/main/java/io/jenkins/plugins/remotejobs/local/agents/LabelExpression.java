package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The label expressions the local host understands: one label, or labels joined by {@code ||}.
 * Anything richer ({@code &&}, {@code !}, parentheses) is refused rather than guessed at.
 */
final class LabelExpression {

    private static final Pattern LABEL = Pattern.compile("[^\\s&|!()\"']+");

    private LabelExpression() {}

    /** The labels of which a node must carry at least one. */
    static List<String> alternatives(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a label expression is required");
        }
        List<String> labels = new ArrayList<>();
        for (String part : expression.split("\\|\\|", -1)) {
            String label = part.strip();
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("unsupported label expression " + JobIds.quoteShort(expression)
                        + ": the local host understands a single label or labels joined by ||");
            }
            labels.add(label);
        }
        return labels;
    }
}
