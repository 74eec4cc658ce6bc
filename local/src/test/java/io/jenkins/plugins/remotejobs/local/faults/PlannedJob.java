package io.jenkins.plugins.remotejobs.local.faults;

import java.nio.file.Path;

/**
 * One job of a fault scenario: where it runs, in which result mode, what it writes to each stream
 * and how it exits, so that its final state and the sha256 of each stream are known in advance.
 *
 * @param stderr what it writes to standard error, or {@code null} for nothing
 * @param exitCode 0 for Completed, anything else for Failed with that exit code
 * @param gate a file the job waits for before it writes anything, or {@code null}
 */
record PlannedJob(
        String name,
        String node,
        boolean keepOnAgent,
        KnownOutput stdout,
        KnownOutput stderr,
        int exitCode,
        Path gate) {

    PlannedJob(String name, String node, boolean keepOnAgent, KnownOutput stdout, KnownOutput stderr, int exitCode) {
        this(name, node, keepOnAgent, stdout, stderr, exitCode, null);
    }

    String script(Path generator) {
        StringBuilder s = new StringBuilder();
        if (gate != null) {
            s.append("while [ ! -e '").append(gate).append("' ]; do sleep 0.05; done; ");
        }
        s.append(stdout.command(generator));
        if (stderr != null) {
            s.append("; ").append(stderr.command(generator)).append(" >&2");
        }
        if (exitCode != 0) {
            s.append("; exit ").append(exitCode);
        }
        return s.toString();
    }

    /** The {@code remoteJob} call that starts it, as Jenkinsfile text. */
    String remoteJobCall(Path generator) {
        return "remoteJob(node: '" + node + "', name: '" + name + "', keepOnAgent: " + keepOnAgent + ", script: "
                + groovyString(script(generator)) + ")";
    }

    String expectedState() {
        return exitCode == 0 ? "Completed" : "Failed";
    }

    /** What it writes to standard error: nothing, as a {@link KnownOutput}, when it writes none. */
    KnownOutput stderrOrNothing() {
        return stderr != null ? stderr : new KnownOutput("none", 0, 0, "0");
    }

    long bytes() {
        return stdout.bytes() + (stderr == null ? 0 : stderr.bytes());
    }

    /** A single-quoted Groovy string literal holding {@code text}. */
    static String groovyString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
