package io.jenkins.plugins.remotejobs.agent;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment a job starts with: the agent process's own, plus the {@code env:} entries of its
 * launch request, minus every variable by which Jenkins finds processes to kill. Jenkins kills
 * every process whose environment carries a cookie it planted: an agent launched by a command
 * ({@code HUDSON_COOKIE}) when the agent disconnects, a {@code node} block ({@code
 * JENKINS_NODE_COOKIE}) when the block ends, a build ({@code JENKINS_SERVER_COOKIE} with its legacy
 * twin) when the build ends. A job inherits the agent's environment, cookies included, so without
 * this it would die with its launcher, block or build. Values are handed to the process only, never
 * written to the job's files.
 */
final class JobEnvironment {

    /** Every variable Jenkins' process-tree killing matches on (Jenkins 2.568 and Pipeline). */
    static final Set<String> KILL_COOKIES =
            Set.of("HUDSON_COOKIE", "JENKINS_NODE_COOKIE", "JENKINS_SERVER_COOKIE", "HUDSON_SERVER_COOKIE");

    private JobEnvironment() {}

    /**
     * Applies the request's {@code NAME=value} entries (validated before) to {@code env}, then
     * removes the kill cookies, including any an entry set: a job never carries one.
     */
    static void prepare(Map<String, String> env, List<String> entries) {
        for (String kv : entries) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        env.keySet().removeAll(KILL_COOKIES);
    }
}
