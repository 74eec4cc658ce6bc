package io.jenkins.plugins.remotejobs.local.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one line each fault scenario prints, {@code FAULT <id> key=value ...}, so that its figure
 * shows in the build log (surefire passes test output through) and can be found with {@code grep FAULT}.
 */
final class Figures {

    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String scenario) {
        this.scenario = scenario;
    }

    static Figures of(String scenario) {
        return new Figures(scenario);
    }

    Figures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Prints the line and returns it. */
    String print() {
        String line = "FAULT " + scenario + " "
                + values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        System.out.println(line);
        System.out.flush();
        return line;
    }
}
