package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;

/** TEST FIXTURE: an exception class that is on neither side's allow-list. */
public final class NotAllowedException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotAllowedException() {
        super("an exception of a class the controller does not accept");
    }
}
