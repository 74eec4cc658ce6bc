package io.jenkins.plugins.remotejobs.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces writes to the disk, for the few that must survive a power loss before an irreversible
 * step (docs/reliability.md lists them): a file's bytes, and a directory's entries (a file created
 * or renamed in it), which on Linux the file's own sync does not cover.
 */
public final class Fsync {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

    private Fsync() {}

    /** Forces the file's bytes and its length (its other metadata, such as times, need not go first). */
    public static void file(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    /** Forces the directory's entries: a file created, renamed or deleted in it stays so. */
    public static void directory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // a directory cannot be opened there; NTFS journals its entries itself
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
