package io.jenkins.plugins.remotejobs.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * Small files written so that a reader (or a process restarted after a crash) sees either the old
 * content or the new, never half of it: write a temporary sibling, then rename it over the target.
 * The plain writes survive a crash of the process; the durable ones a power loss too, at the cost of
 * two syncs.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    public static void writeProperties(Path file, Properties properties) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, null);
        }
        move(tmp, file);
    }

    /** The properties in {@code file}, or {@code null} when it does not exist. */
    public static Properties readProperties(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public static void writeString(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, file);
    }

    /** The file's text, or {@code null} when it does not exist. */
    public static String readString(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * As {@link #writeString}, and on the disk when it returns: the new content survives a power
     * loss, for a file an irreversible step depends on (a consume cursor before the consume is
     * answered).
     */
    public static void writeStringDurably(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false); // in the same open as the write: one open, one sync
        }
        moveAndSyncDirectory(tmp, file);
    }

    /**
     * Renames a finished file over {@code target} in one step, and makes both on the disk: the
     * file's bytes before the rename (so the new name never points at bytes still in memory) and
     * the directory after it (so the new name itself stays).
     */
    public static void moveDurably(Path tmp, Path target) throws IOException {
        Fsync.file(tmp);
        moveAndSyncDirectory(tmp, target);
    }

    private static void moveAndSyncDirectory(Path synced, Path target) throws IOException {
        move(synced, target);
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Fsync.directory(dir);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * {@link #deleteTree}, again while something still writes into the tree (for up to 2 s): a
     * writer that renames into a directory never makes one, so once it is gone it stays gone; on
     * Windows a file still open cannot go yet either.
     */
    public static void deleteTreeWhileWritten(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(dir);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.AccessDeniedException e) {
                if (attempt == 100) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes a directory tree. Symbolic links are deleted themselves, never followed, so nothing
     * outside {@code dir} is touched whatever a job left in it.
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
