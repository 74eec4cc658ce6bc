package io.jenkins.plugins.remotejobs.controller.host;

/** Where a step writes for the person reading the build (a build log, or the runner's stdout). */
public interface BuildLog {

    /** Writes text as it is (output of a job may end mid-line). */
    void print(String text);

    default void println(String line) {
        print(line + "\n");
    }

    /** A log that drops everything, for callers with no build. */
    BuildLog NONE = text -> {};
}
