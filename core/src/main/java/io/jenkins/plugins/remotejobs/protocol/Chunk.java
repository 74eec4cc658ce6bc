package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;

/** Bytes of one stream of one job, starting at {@code offset}. */
public record Chunk(String instanceId, StreamName stream, long offset, byte[] data) implements Serializable {

    private static final long serialVersionUID = 1L;

    public long end() {
        return offset + data.length;
    }
}
