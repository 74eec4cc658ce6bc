package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.util.List;
import java.util.Locale;

/**
 * Which output {@code receiveJob} returns ({@code stream:}). {@link #BOTH} interleaves the two as
 * closely as the agent recorded them, each stream keeping its own consume cursor.
 */
public enum StreamSelection {
    STDOUT(List.of(StreamName.STDOUT)),
    STDERR(List.of(StreamName.STDERR)),
    BOTH(List.of(StreamName.STDOUT, StreamName.STDERR));

    private final List<StreamName> streams;

    StreamSelection(List<StreamName> streams) {
        this.streams = streams;
    }

    /** The name users write: {@code stdout}, {@code stderr} or {@code both}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The recorded streams this selection reads, stdout first. */
    public List<StreamName> streams() {
        return streams;
    }
}
