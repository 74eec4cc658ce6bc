package io.jenkins.plugins.remotejobs.controller.model;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.nio.charset.Charset;
import java.util.List;

/**
 * How to receive, as validated from {@code receiveJob}'s arguments.
 *
 * @param streams stdout, stderr, or both (in that order)
 * @param keep return without consuming
 * @param waitForEnd stream until the job ends
 * @param autoRemove with wait: remove the job once all is received
 * @param charset how bytes become text, null for the agent's default
 * @param timeoutSeconds with wait: stop waiting after this long; null for no limit
 * @param file a workspace-relative file to write the raw bytes to, or null for text
 * @param quiet do not echo into the log
 * @param logOnly into the build log only, returning no text, so with no text cap (the freestyle
 *     steps' "show the output"); never with {@code file} or {@code quiet}
 */
public record ReceiveSpec(
        List<StreamName> streams,
        boolean keep,
        boolean waitForEnd,
        boolean autoRemove,
        Charset charset,
        Long timeoutSeconds,
        String file,
        boolean quiet,
        boolean logOnly) {

    public ReceiveSpec {
        streams = List.copyOf(streams);
        if (logOnly && (file != null || quiet)) {
            throw new IllegalArgumentException("a receive into the log only writes no file and is not quiet");
        }
    }

    /** Receive stdout, consume it, no waiting: {@code receiveJob job: j}. */
    public static ReceiveSpec defaults() {
        return new ReceiveSpec(List.of(StreamName.STDOUT), false, false, false, null, null, null, false, false);
    }
}
