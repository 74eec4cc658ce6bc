package io.jenkins.plugins.remotejobs.protocol;

import java.util.Locale;

/** The output streams a job records, each in its own file with its own consume cursor. */
public enum StreamName {
    STDOUT,
    STDERR;

    /** The name users write ({@code stdout}, {@code stderr}) and the file name in a job directory. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
