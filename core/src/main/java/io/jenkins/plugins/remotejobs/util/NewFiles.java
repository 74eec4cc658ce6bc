package io.jenkins.plugins.remotejobs.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Files made for a user, with the permissions the user's umask gives, as {@code cp} and {@code >} do. */
public final class NewFiles {

    private NewFiles() {}

    /**
     * A new empty file in {@code dir} named {@code prefix}, a random part, then {@code suffix}.
     * Unlike {@link Files#createTempFile} (always owner-only), its mode is 0666 less the umask, so
     * the file it becomes once renamed into place is readable as any other file written there.
     * It is created exclusively, so a name taken meanwhile, or a link planted at it, is never used.
     */
    public static Path createUnique(Path dir, String prefix, String suffix) throws IOException {
        while (true) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(dir.resolve(prefix + random + suffix));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }
}
