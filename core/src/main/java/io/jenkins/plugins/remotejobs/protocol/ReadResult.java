package io.jenkins.plugins.remotejobs.protocol;

import java.io.Serializable;
import java.util.List;

/** The answer to {@link AgentProtocol#read}: the bytes found and the status of every job named. */
public record ReadResult(List<Chunk> chunks, List<JobStatus> statuses) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ReadResult {
        chunks = List.copyOf(chunks);
        statuses = List.copyOf(statuses);
    }
}
