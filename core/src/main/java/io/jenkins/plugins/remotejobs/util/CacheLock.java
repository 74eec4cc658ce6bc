package io.jenkins.plugins.remotejobs.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-owner rule for a directory: an OS file lock on {@code .lock} inside it, held while the
 * owner lives and released by the OS if it dies. The owner's pid is written beside it so that a
 * refused second owner learns who holds it.
 */
public final class CacheLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}.
     *
     * @throws CacheInUseException naming the directory and the owner's pid when someone else holds it
     */
    public static CacheLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            String owner = readOwner(dir);
            // In this JVM: a previous owner still closing, such as the job cache of an agent's
            // previous connection; saying "another process" with this JVM's own pid would mislead.
            String who = !Long.toString(ProcessHandle.current().pid()).equals(owner)
                    ? "another process" + (owner == null ? "" : " (pid " + owner + ")")
                    : "a previous owner in this same process (pid " + owner + ") that has not let go yet";
            throw new CacheInUseException(dir + " is already in use by " + who + "; only one may own it at a time");
        }
        Files.writeString(
                dir.resolve(".owner"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        return new CacheLock(ch, lock);
    }

    private static String readOwner(Path dir) {
        try {
            return Files.readString(dir.resolve(".owner"), StandardCharsets.UTF_8)
                    .trim();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS drops the lock with the channel anyway.
        }
    }
}
