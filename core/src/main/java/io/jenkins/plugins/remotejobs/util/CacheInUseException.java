package io.jenkins.plugins.remotejobs.util;

import java.io.IOException;

/**
 * A {@link CacheLock} refused because another owner holds the directory: another process, or a
 * previous owner in this JVM that has not let go yet (a job cache of an agent connection that is
 * closing). Its own type, so that a caller who may wait for the owner to go does not have to
 * recognise it by its message.
 */
public final class CacheInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    public CacheInUseException(String message) {
        super(message);
    }
}
