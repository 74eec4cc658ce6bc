package io.jenkins.plugins.remotejobs.protocol;

import java.io.IOException;

/** A request the job cache understood and refused; the message is meant for a user. */
public class JobCacheException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Kind {
        NO_SUCH_JOB,
        INVALID_ID,
        RUNNING,
        BAD_REQUEST,
        /** The job cache could not write its files (a full disk, a read-only file system); the message says which. */
        STORAGE
    }

    private final Kind kind;

    public JobCacheException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
