package io.jenkins.plugins.remotejobs.steps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one step call's raw named arguments, so that each {@code *Arguments.from} is a short list
 * of typed reads followed by its combination rules. Unknown names are refused when the reader is
 * made, before any value is looked at; each read then checks the value's type and range, so a
 * {@code from} that reads every argument before checking combinations reports problems in the order
 * unknown name, type or range (in argument order), combination.
 *
 * <p>An explicit {@code null} is an error rather than "not given": a null usually comes from a
 * variable the author believed set, and saying so beats silently using a default.
 */
final class ArgumentReader {

    /** Unknown names listed in one message, at most; a runaway map must not make a runaway message. */
    private static final int MAX_LISTED = 10;

    /**
     * Arguments of which a step takes exactly one (where it takes them all): leaving one out is not
     * "the default" there, but naming the job or the node another way.
     */
    private static final List<List<String>> ALTERNATIVES =
            List.of(List.of("job", "id", "name"), List.of("node", "nodes", "label"));

    private final String step;
    private final List<String> allowed;
    private final Map<String, Object> given = new LinkedHashMap<>();

    private ArgumentReader(String step, Map<?, ?> raw) {
        this.step = step;
        this.allowed = StepNames.argumentsOf(step);
        List<String> unknown = new ArrayList<>();
        // Groovy hands GString keys for "$x": ... despite the declared String keys.
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!(entry.getKey() instanceof CharSequence key)) {
                throw new StepArgumentException(
                        step, null, "argument names must be text, got " + Values.showWithType(entry.getKey()));
            }
            String name = key.toString();
            if (!allowed.contains(name)) {
                unknown.add(name);
            } else if (given.containsKey(name)) {
                throw fail(name, "argument '" + name + "' is given twice");
            } else {
                given.put(name, entry.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw unknownArguments(unknown);
        }
    }

    /**
     * A reader for {@code step}'s arguments; throws at once if any name is not one of them. No
     * arguments at all ({@code null}: Groovy passes it for a step called with none) is an empty
     * map, so that the step says which one it needs.
     */
    static ArgumentReader of(String step, Map<String, ?> raw) {
        return new ArgumentReader(step, raw == null ? Map.of() : raw);
    }

    /** Whether the argument was given (by now known not to be {@code null}, once read). */
    boolean has(String name) {
        declared(name);
        return given.containsKey(name);
    }

    boolean bool(String name, boolean defaultValue) {
        Object value = value(name, false);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "true or false", value);
    }

    /** The argument as a number within {@code range}, or {@code null} if not given. */
    Long wholeNumber(String name, WholeRange range) {
        Object value = value(name, false);
        return value == null ? null : wholeNumber(name, range, value);
    }

    /** {@code value} as a number within {@code range}; {@code label} names it in messages. */
    long wholeNumber(String label, WholeRange range, Object value) {
        BigDecimal whole = WholeRange.whole(value);
        if (whole == null) {
            throw wrongType(label, range.describe(), value);
        }
        if (!range.contains(whole)) {
            throw fail(label, "argument '" + label + "' must be " + range.describe() + ", got " + Values.show(value));
        }
        return whole.longValueExact();
    }

    /** The argument as one-line text of {@code kind}, or {@code null} if not given. */
    String text(String name, TextKind kind) {
        Object value = value(name, false);
        return value == null ? null : text(name, kind, value);
    }

    /** {@code value} as one-line text of {@code kind}; {@code label} names it in messages. */
    String text(String label, TextKind kind, Object value) {
        if (!(value instanceof CharSequence chars)) {
            throw wrongType(label, kind.description(), value);
        }
        String text = chars.toString();
        String prefix = "argument '" + label + "' ";
        if (text.isBlank()) {
            throw fail(label, prefix + "must not be blank, got " + Values.quote(text));
        }
        if (text.length() > kind.maxLength()) {
            throw fail(
                    label,
                    prefix + "must be at most " + kind.maxLength() + " characters long, got " + Values.quote(text));
        }
        int bad = TextChecks.firstForbidden(text, false);
        if (bad >= 0) {
            throw fail(
                    label,
                    prefix + "must not contain " + TextChecks.describeForbidden(text, bad) + ", got "
                            + Values.quote(text));
        }
        String problem = kind.problem(text);
        if (problem != null) {
            throw fail(label, prefix + "must be " + kind.description() + problem + ", got " + Values.quote(text));
        }
        return text;
    }

    /** The argument as one of {@code choices} (exact case), or {@code null} if not given. */
    String oneOf(String name, List<String> choices) {
        Object value = value(name, false);
        if (value == null) {
            return null;
        }
        String rule = "one of " + String.join(", ", choices);
        if (!(value instanceof CharSequence)) {
            throw wrongType(name, rule, value);
        }
        String text = value.toString();
        if (!choices.contains(text)) {
            throw fail(
                    name,
                    "argument '" + name + "' must be " + rule + ", got " + Values.quote(text)
                            + Suggestions.hint(text, choices));
        }
        return text;
    }

    /**
     * The argument as a List, or {@code null} if not given; {@code description} says what the list
     * must hold. The items are the caller's to check, each with its own {@code name[i]} label.
     */
    List<?> list(String name, String description, boolean required) {
        Object value = value(name, required);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, description, value);
        }
        return list;
    }

    /** The given value, or {@code null} if not given; an explicit {@code null} is an error. */
    Object value(String name, boolean required) {
        declared(name);
        if (!given.containsKey(name)) {
            if (required) {
                throw fail(name, "argument '" + name + "' is required");
            }
            return null;
        }
        Object value = given.get(name);
        if (value == null) {
            throw fail(name, "argument '" + name + "' must not be null" + (required ? "" : instead(name)));
        }
        return value;
    }

    /** What to do instead of passing {@code null} to an optional argument. */
    private String instead(String name) {
        for (List<String> group : ALTERNATIVES) {
            if (group.contains(name) && allowed.containsAll(group)) {
                return "; give exactly one of " + quotedList(group, "or");
            }
        }
        return "; leave it out to get the default";
    }

    /** Refuses a call that gives none or several of {@code names}. */
    void exactlyOne(String... names) {
        List<String> present = new ArrayList<>();
        for (String name : names) {
            if (has(name)) {
                present.add(name);
            }
        }
        if (present.size() != 1) {
            throw new StepArgumentException(
                    step,
                    null,
                    "give exactly one of " + quotedList(List.of(names), "or") + ", got "
                            + (present.isEmpty() ? "none of them" : quotedList(present, "and")));
        }
    }

    /** A "must be ..., got ..." error naming the given value's type. */
    StepArgumentException wrongType(String label, String rule, Object value) {
        return fail(label, "argument '" + label + "' must be " + rule + ", got " + Values.showWithType(value));
    }

    /**
     * An error about the argument {@code label} names; a list item's label ({@code nodes[2]}) is
     * reported as its list's argument.
     */
    StepArgumentException fail(String label, String detail) {
        int bracket = label.indexOf('[');
        return new StepArgumentException(step, bracket < 0 ? label : label.substring(0, bracket), detail);
    }

    /** A combination error, which no single argument owns. */
    StepArgumentException failCombination(String detail) {
        return new StepArgumentException(step, null, detail);
    }

    private StepArgumentException unknownArguments(List<String> unknown) {
        StringBuilder b = new StringBuilder(unknown.size() == 1 ? "unknown argument " : "unknown arguments ");
        for (int i = 0; i < unknown.size() && i < MAX_LISTED; i++) {
            String name = unknown.get(i);
            b.append(i == 0 ? "" : ", ").append(Values.quote(name)).append(Suggestions.hint(name, allowed));
        }
        if (unknown.size() > MAX_LISTED) {
            b.append(" and ").append(unknown.size() - MAX_LISTED).append(" more");
        }
        b.append(". Allowed: ").append(String.join(", ", allowed));
        return new StepArgumentException(step, unknown.get(0), b.toString());
    }

    private void declared(String name) {
        if (!allowed.contains(name)) {
            // A bug in a from() method, never a user mistake: StepNames is the contract.
            throw new IllegalStateException(step + " reads undeclared argument " + name);
        }
    }

    private static String quotedList(List<String> names, String conjunction) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(i == names.size() - 1 ? " " + conjunction + " " : ", ");
            }
            b.append('\'').append(names.get(i)).append('\'');
        }
        return b.toString();
    }
}
