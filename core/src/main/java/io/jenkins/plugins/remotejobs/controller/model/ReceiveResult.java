package io.jenkins.plugins.remotejobs.controller.model;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.util.List;

/**
 * What a receive returned.
 *
 * @param text the output as text; {@code null} when it was written to a file
 * @param bytes how many bytes of output were received
 * @param ranges which bytes those were, per job and stream, in the order they were delivered: each
 *     range was consumed by this receive alone (claimed by compare-and-set), unless it was a {@code
 *     keep} receive, which consumes nothing
 */
public record ReceiveResult(String text, long bytes, List<Range> ranges) {

    public ReceiveResult {
        ranges = List.copyOf(ranges);
    }

    /**
     * Bytes {@code [from, to)} of one stream of one job (a child's id for a parent).
     *
     * @param jobId the job whose output it is
     * @param stream which stream
     * @param from the first byte's offset in the stream
     * @param to the offset after the last byte
     */
    public record Range(long jobId, StreamName stream, long from, long to) {}
}
