package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The controller's copy of controller-mode output: one file per stream per job under {@code
 * spool/<instanceId>/}. The collected offset is the file's own length, so there is no second record
 * that could disagree with it after a crash; appending a chunk that overlaps what is already there
 * writes only the new part, which makes collection exactly-once.
 */
public final class Spool {

    private final Path root;
    /** Appends to a job's spool and its deletion exclude each other: 64 locks shared by hash. */
    private final Object[] stripes = new Object[64];
    /** Most bytes all jobs' spools may hold together, as configured now; zero for no limit. */
    private final LongSupplier quotaBytes;
    /** What the spool holds now: counted once at opening, then kept by every append and delete. */
    private final AtomicLong used = new AtomicLong();

    public Spool(Path root, LongSupplier quotaBytes) throws IOException {
        this.root = root;
        this.quotaBytes = quotaBytes;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        used.set(sizeOf(root));
    }

    /** What the spool holds now, in bytes. */
    public long usedBytes() {
        return used.get();
    }

    public long quotaBytes() {
        return quotaBytes.getAsLong();
    }

    /**
     * Whether the spool is at its quota: output beyond it waits on the agents (an append fills the
     * spool up to the quota exactly, then refuses), until removed jobs free room or the quota grows.
     */
    public boolean atQuota() {
        long quota = quotaBytes.getAsLong();
        return quota > 0 && used.get() >= quota;
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private Object stripe(String instanceId) {
        return stripes[Math.floorMod(instanceId.hashCode(), stripes.length)];
    }

    Path file(String instanceId, StreamName stream) throws IOException {
        return root.resolve(JobIds.requireValid(instanceId)).resolve(stream.label());
    }

    public long length(String instanceId, StreamName stream) throws IOException {
        try {
            return Files.size(file(instanceId, stream));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * Appends the part of {@code chunk} beyond the spool's end, unless {@code stillWanted} says the
     * job is gone; returns the new length, or -1 when nothing was written for that reason. The check
     * and the write are atomic with respect to {@link #delete}, so that a collection round still in
     * flight when a job is removed cannot bring its spool back.
     *
     * @throws IOException when the chunk starts beyond the end (a gap), or the disk refuses
     */
    long append(Chunk chunk, BooleanSupplier stillWanted) throws IOException {
        synchronized (stripe(chunk.instanceId())) {
            return stillWanted.getAsBoolean() ? append(chunk) : -1;
        }
    }

    private long append(Chunk chunk) throws IOException {
        Path file = file(chunk.instanceId(), chunk.stream());
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long end = ch.size();
            if (chunk.offset() > end) {
                throw new IOException("output of job " + chunk.instanceId() + " arrived at offset " + chunk.offset()
                        + " but the spool ends at " + end);
            }
            int skip = (int) (end - chunk.offset());
            if (skip >= chunk.data().length) {
                return end;
            }
            int fresh = chunk.data().length - skip;
            long quota = quotaBytes.getAsLong();
            // Up to the quota: what does not fit waits on the agent, and is collected from here later.
            int fits = reserve(fresh, quota);
            if (fits == 0) {
                throw new SpoolQuotaException(used.get(), quota);
            }
            ByteBuffer buf = ByteBuffer.wrap(chunk.data(), skip, fits);
            long pos = end;
            try {
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            } finally {
                used.addAndGet((pos - end) - fits); // a write cut short gives back what it did not use
            }
            if (fits < fresh) {
                throw new SpoolQuotaException(used.get(), quota);
            }
            return pos;
        }
    }

    /**
     * Takes room for up to {@code wanted} bytes before they are written, so that appends of many
     * jobs at once (each under its own lock) cannot together go beyond the quota; returns how many.
     */
    private int reserve(int wanted, long quota) {
        while (true) {
            long now = used.get();
            int take = quota > 0 ? (int) Math.max(0, Math.min(wanted, quota - now)) : wanted;
            if (take == 0 || used.compareAndSet(now, now + take)) {
                return take;
            }
        }
    }

    /** Reads up to {@code max} bytes from {@code offset}. */
    public byte[] read(String instanceId, StreamName stream, long offset, int max) throws IOException {
        try (FileChannel ch = FileChannel.open(file(instanceId, stream), StandardOpenOption.READ)) {
            int n = (int) Math.max(0, Math.min(max, ch.size() - offset));
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // keep reading until the range is complete
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /**
     * Forces a job's spool to disk before its agent copy is deleted: the files' bytes and lengths,
     * and the directory entries that name them (the job's directory, created in the spool's).
     */
    void sync(String instanceId) throws IOException {
        Path dir = root.resolve(JobIds.requireValid(instanceId));
        boolean any = false;
        for (StreamName s : StreamName.values()) {
            Path f = file(instanceId, s);
            if (Files.exists(f)) {
                Fsync.file(f);
                any = true;
            }
        }
        if (any) {
            Fsync.directory(dir);
            Fsync.directory(root);
        }
    }

    public void delete(String instanceId) throws IOException {
        synchronized (stripe(JobIds.requireValid(instanceId))) {
            Path dir = root.resolve(instanceId);
            long size = sizeOf(dir);
            AtomicFiles.deleteTree(dir);
            used.addAndGet(-size);
        }
    }

    /** An append refused because the spool holds its quota: the output waits on the agent. */
    static final class SpoolQuotaException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolQuotaException(long used, long quota) {
            super("the controller's spool holds " + size(used) + " of its quota of " + size(quota));
        }

        private static String size(long bytes) {
            if (bytes >= 1L << 30) {
                return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
            }
            if (bytes >= 1L << 20) {
                return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
            }
            return (bytes >> 10) + " KiB";
        }
    }
}
