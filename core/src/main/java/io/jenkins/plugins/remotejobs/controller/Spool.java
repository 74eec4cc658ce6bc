package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * The controller's copy of controller-mode output: one file per stream per job under {@code
 * spool/<instanceId>/}. The collected offset is the file's own length, so there is no second record
 * that could disagree with it after a crash; appending a chunk that overlaps what is already there
 * writes only the new part, which makes collection exactly-once.
 */
final class Spool {

    private final Path root;
    /** Appends to a job's spool and its deletion exclude each other: 64 locks shared by hash. */
    private final Object[] stripes = new Object[64];

    Spool(Path root) {
        this.root = root;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripe(String instanceId) {
        return stripes[Math.floorMod(instanceId.hashCode(), stripes.length)];
    }

    Path file(String instanceId, StreamName stream) throws IOException {
        return root.resolve(JobIds.requireValid(instanceId)).resolve(stream.label());
    }

    long length(String instanceId, StreamName stream) throws IOException {
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
            ByteBuffer buf = ByteBuffer.wrap(chunk.data(), skip, chunk.data().length - skip);
            long pos = end;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            return pos;
        }
    }

    /** Reads up to {@code max} bytes from {@code offset}. */
    byte[] read(String instanceId, StreamName stream, long offset, int max) throws IOException {
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

    /** Forces a job's spool files to disk before its agent copy is deleted. */
    void sync(String instanceId) throws IOException {
        for (StreamName s : StreamName.values()) {
            Path f = file(instanceId, s);
            if (Files.exists(f)) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    // The data and the length it needs to be read back (an append-only file's only
                    // metadata that matters); timestamps need not reach the disk first.
                    ch.force(false);
                }
            }
        }
    }

    void delete(String instanceId) throws IOException {
        synchronized (stripe(JobIds.requireValid(instanceId))) {
            AtomicFiles.deleteTree(root.resolve(instanceId));
        }
    }
}
