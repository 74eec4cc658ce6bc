package io.jenkins.plugins.remotejobs.controller;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A workspace that is a directory of this machine. The target's parent, once created, must still
 * lie inside the workspace after resolving symbolic links, so a link planted in a workspace cannot
 * redirect a receive elsewhere.
 */
public final class DirectoryWorkspace implements Workspace {

    private final Path root;

    public DirectoryWorkspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public PendingFile create(String relativePath) throws IOException {
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("'" + relativePath + "' is not a file inside the workspace " + root);
        }
        Path parent = Files.createDirectories(target.getParent()).toRealPath();
        if (!parent.startsWith(root.toRealPath())) {
            throw new IOException("'" + relativePath + "' leads outside the workspace " + root);
        }
        Path real = parent.resolve(target.getFileName());
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".receiving");
        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        return new PendingFile() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public void commit() throws IOException {
                out.close();
                try {
                    Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
            }

            @Override
            public void close() {
                if (!done) {
                    try {
                        out.close();
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        // Best effort: a leftover .receiving file is harmless and named as such.
                    }
                }
            }
        };
    }
}
