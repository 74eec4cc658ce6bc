package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST FIXTURE: a serializable class on no allow-list, standing in for a gadget. Were it ever
 * deserialized, its {@code readObject} would create the file it names, which tests look for.
 */
public final class NotAllowed implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String marker;

    public NotAllowed(Path marker) {
        this.marker = marker.toString();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Files.writeString(Path.of(marker), "deserialized");
    }
}
