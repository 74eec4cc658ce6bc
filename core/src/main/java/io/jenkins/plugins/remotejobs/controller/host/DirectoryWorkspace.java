package io.jenkins.plugins.remotejobs.controller.host;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A workspace that is a directory of this machine. The target's parent, once created, must still
 * lie inside the workspace after resolving symbolic links, so a link planted in a workspace cannot
 * redirect a receive elsewhere. When the directory is a node's workspace and that node's job cache
 * is on this machine too, a job's output is appended from the cache file to file.
 */
public final class DirectoryWorkspace implements Workspace {

    /** The part of a node's job cache a workspace uses: {@code JobCache::copyOutput}. */
    @FunctionalInterface
    public interface LocalJobCache {
        long copyOutput(String instanceId, StreamName stream, long from, long to, WritableByteChannel target)
                throws IOException;
    }

    private final Path root;
    private final String node;
    private final LocalJobCache cache;

    public DirectoryWorkspace(Path root) {
        this(root, null, null);
    }

    /** A workspace on {@code node}, whose job cache {@code cache} is on this machine. */
    public DirectoryWorkspace(Path root, String node, LocalJobCache cache) {
        if ((node == null) != (cache == null)) {
            throw new IllegalArgumentException("a workspace on a node needs that node's job cache, and only then");
        }
        this.root = root.toAbsolutePath().normalize();
        this.node = node;
        this.cache = cache;
    }

    public Path root() {
        return root;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public PendingFile create(String relativePath) throws IOException {
        return create(relativePath, null);
    }

    @Override
    public PendingFile create(String relativePath, String callId) throws IOException {
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("'" + relativePath + "' is not a file inside the workspace " + root);
        }
        Path parent = Files.createDirectories(target.getParent()).toRealPath();
        if (!parent.startsWith(root.toRealPath())) {
            throw new IOException("'" + relativePath + "' leads outside the workspace " + root);
        }
        Path real = parent.resolve(target.getFileName());
        Path tmp = ReceivingFiles.create(parent, target.getFileName().toString(), callId);
        // Appending: what the stream writes then lands after what appendOutput copied in between.
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.APPEND), 1 << 16);
        return new PendingFile() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public long appendOutput(String instanceId, StreamName stream, long from, long to) throws IOException {
                if (cache == null) {
                    throw new UnsupportedOperationException("this workspace is on no node with a job cache");
                }
                out.flush();
                // Positioned at the end rather than opened to append: an appending target makes the
                // JDK fall back from a file-to-file copy to copying through a buffer.
                try (FileChannel target = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    target.position(target.size());
                    return cache.copyOutput(instanceId, stream, from, to, target);
                }
            }

            @Override
            public void commit() throws IOException {
                out.close();
                // On the disk before the output counts as consumed, which comes next.
                AtomicFiles.moveDurably(tmp, real);
                done = true;
            }

            @Override
            public void close() {
                if (!done) {
                    try {
                        out.close();
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        // Best effort: a leftover is harmless, and the call's next attempt removes it.
                    }
                }
            }
        };
    }
}
