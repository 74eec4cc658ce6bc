package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The layout of one job's directory. The directory is named by the job's validated instance id;
 * every file a job cache reads or writes is one of these, so nothing outside the directory is
 * reachable through the protocol.
 *
 * <pre>
 * &lt;root&gt;/&lt;instanceId&gt;/
 *   job.properties      what was launched (no environment values)
 *   process.properties  pid and start time of the wrapper
 *   script.*            the script
 *   stdout, stderr      the output, appended by the job itself
 *   exit                the exit status, written by the wrapper
 *   timed-out           written by the wrapper when the job's timeout ended it
 *   stop.properties     a stop request and the state it leads to
 *   end.properties      the final state once known (and the tombstone after release)
 *   cursor-stdout, cursor-stderr   consumed up to here
 *   work/               the default working directory
 * </pre>
 */
record JobFiles(Path dir) {

    /** What a released job keeps: enough to list it and to answer a late launch retry. */
    static final java.util.Set<String> TOMBSTONE = java.util.Set.of("job.properties", "end.properties");

    static JobFiles of(Path root, String instanceId) throws JobCacheException {
        return new JobFiles(root.resolve(JobIds.requireValid(instanceId)));
    }

    Path meta() {
        return dir.resolve("job.properties");
    }

    Path process() {
        return dir.resolve("process.properties");
    }

    Path script(String extension) {
        return dir.resolve("script" + extension);
    }

    Path output(StreamName stream) {
        return dir.resolve(stream.label());
    }

    /** The wrapper's pid as its launcher wrote it, before the agent records it with its start time. */
    Path launched() {
        return dir.resolve("launched-pid");
    }

    Path exit() {
        return dir.resolve("exit");
    }

    Path timedOut() {
        return dir.resolve("timed-out");
    }

    Path stopRequest() {
        return dir.resolve("stop.properties");
    }

    Path end() {
        return dir.resolve("end.properties");
    }

    /** How long the job's output on {@code stream} is now: 0 before the file exists. */
    long outputLength(StreamName stream) throws IOException {
        try {
            return Files.size(output(stream));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** The exit status its wrapper or supervisor recorded, once completely written; else {@code null}. */
    Integer recordedExit() throws IOException {
        String text = io.jenkins.plugins.remotejobs.util.AtomicFiles.readString(exit());
        if (text == null || !text.endsWith("\n")) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Path cursor(StreamName stream) {
        return dir.resolve("cursor-" + stream.label());
    }

    Path work() {
        return dir.resolve("work");
    }
}
