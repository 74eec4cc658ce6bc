package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A job's consume cursor on disk: how far one of its streams was received (agent mode). A power
 * loss can leave the file empty or torn (its rename reached the disk before its bytes did); such a
 * cursor counts as nothing consumed. Receiving bytes again is the lesser harm: a cursor that
 * skipped ahead would lose them, and one that fails every read would lose the whole job's output.
 */
final class CursorFile {

    private static final Logger LOG = Logger.getLogger(CursorFile.class.getName());

    private CursorFile() {}

    /** Where {@code file} says the stream was consumed up to: 0 when it is missing, empty or torn. */
    static long read(Path file) throws IOException {
        String text = AtomicFiles.readString(file);
        if (text == null) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(text.trim());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // torn: reported below
        }
        LOG.warning("the consume cursor " + file + " is torn (" + text.length()
                + " characters that are no position, likely a power loss): it counts as nothing consumed, so"
                + " output received before may be received again");
        return 0;
    }

    static void write(Path file, long cursor) throws IOException {
        AtomicFiles.writeString(file, Long.toString(cursor));
    }
}
