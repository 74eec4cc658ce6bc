package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;

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
}
