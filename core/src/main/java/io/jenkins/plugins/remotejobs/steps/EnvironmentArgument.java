package io.jenkins.plugins.remotejobs.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code remoteJob}'s {@code env:}, a List of {@code NAME=value} strings whose values may be secrets.
 * Values reach the process only, so nothing here ever puts one into a message.
 */
final class EnvironmentArgument {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String ITEM = "a 'NAME=value' string";

    private EnvironmentArgument() {}

    /**
     * The entries in the order given (so a host can let later ones win), empty when not given.
     * Every message names the entry's position and at most its variable name: the value, or an
     * entry that is not even {@code NAME=value} shaped, may be a secret.
     */
    static List<String> read(ArgumentReader args) {
        Object value = args.value("env", false);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw args.fail(
                    "env", "argument 'env' must be a List of 'NAME=value' strings, got " + Values.typeOf(value));
        }
        List<String> env = new ArrayList<>(items.size());
        for (Object item : items) {
            String label = "env[" + env.size() + "]";
            String prefix = "argument '" + label + "' ";
            if (item == null) {
                throw args.fail(label, prefix + "must not be null");
            }
            if (!(item instanceof CharSequence chars)) {
                throw args.fail(label, prefix + "must be " + ITEM + ", got " + Values.typeOf(item));
            }
            String entry = chars.toString();
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw args.fail(label, prefix + "must be " + ITEM + ", got text without '='");
            }
            String variable = entry.substring(0, equals);
            if (variable.length() > StepLimits.MAX_NAME_LENGTH
                    || !NAME.matcher(variable).matches()) {
                throw args.fail(
                        label,
                        prefix + "must start with a variable name matching [A-Za-z_][A-Za-z0-9_]*, got the name "
                                + Values.quote(variable));
            }
            if (entry.indexOf('\0', equals) >= 0) {
                throw args.fail(
                        label,
                        prefix + "must not contain a NUL character, got one in the value of " + Values.quote(variable));
            }
            env.add(entry);
        }
        return env;
    }
}
