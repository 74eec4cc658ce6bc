package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Raw named arguments as Groovy passes them: an ordered map that may hold nulls. */
final class Raw {

    private Raw() {}

    static Map<String, Object> args(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code base} plus one more argument, leaving {@code base} untouched. */
    static Map<String, Object> with(Map<String, ?> base, String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(base);
        map.put(name, value);
        return map;
    }

    /** The message with which {@code parse} refuses {@code raw}; fails the test where it accepts them. */
    static String refusal(Function<Map<String, Object>, ?> parse, Map<String, Object> raw) {
        try {
            parse.apply(raw);
        } catch (StepArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + raw.keySet());
    }
}
