package io.jenkins.plugins.remotejobs.steps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six steps' function names and, for each, its argument names in the order help texts and
 * error messages list them. This is the one list both hosts register and the validator accepts, so
 * a host can check that every argument has a setter and a help file.
 */
public final class StepNames {

    public static final String REMOTE_JOB = "remoteJob";
    public static final String GET_JOB = "getJob";
    public static final String RECEIVE_JOB = "receiveJob";
    public static final String WAIT_JOB = "waitJob";
    public static final String STOP_JOB = "stopJob";
    public static final String REMOVE_JOB = "removeJob";

    /** Every step, in the order the user documentation presents them. */
    public static final List<String> ALL = List.of(REMOTE_JOB, GET_JOB, RECEIVE_JOB, WAIT_JOB, STOP_JOB, REMOVE_JOB);

    /** Each step's arguments, keyed by step in the order of {@link #ALL}; immutable. */
    public static final Map<String, List<String>> ARGUMENTS = arguments();

    private StepNames() {}

    /**
     * The arguments {@code step} accepts, in their documented order.
     *
     * @throws IllegalArgumentException if {@code step} is not one of {@link #ALL}
     */
    public static List<String> argumentsOf(String step) {
        List<String> names = ARGUMENTS.get(step);
        if (names == null) {
            throw new IllegalArgumentException("not a step: " + step);
        }
        return names;
    }

    private static Map<String, List<String>> arguments() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(
                REMOTE_JOB,
                List.of(
                        "node",
                        "nodes",
                        "label",
                        "script",
                        "shell",
                        "name",
                        "keepOnAgent",
                        "dir",
                        "env",
                        "timeout",
                        "throttle"));
        map.put(GET_JOB, List.of("id", "name", "state", "node", "all", "includeChildJobs", "quiet"));
        map.put(
                RECEIVE_JOB,
                List.of(
                        "job",
                        "id",
                        "name",
                        "keep",
                        "wait",
                        "autoRemove",
                        "stream",
                        "encoding",
                        "timeout",
                        "file",
                        "quiet"));
        map.put(WAIT_JOB, List.of("jobs", "any", "timeout", "force"));
        map.put(STOP_JOB, List.of("job", "id", "name"));
        map.put(REMOVE_JOB, List.of("job", "id", "name", "force"));
        return Collections.unmodifiableMap(map);
    }
}
