package io.jenkins.plugins.remotejobs;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.controller.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.MasterToSlaveFileCallable;

/**
 * A build's workspace, wherever its node is: the file is written to a temporary sibling through the
 * remoting channel and renamed into place once complete, atomically replacing a file of that name
 * (workspaces are reused from build to build).
 */
final class FilePathWorkspace implements Workspace {

    private final FilePath root;

    FilePathWorkspace(FilePath root) {
        this.root = root;
    }

    @Override
    public PendingFile create(String relativePath) throws IOException {
        FilePath target = root.child(relativePath);
        FilePath parent = target.getParent();
        try {
            if (parent == null) {
                throw new IOException(Messages.FilePathWorkspace_notAFile(relativePath));
            }
            parent.mkdirs();
            // A prefix of its own: createTempFile needs three characters, a file name may have one.
            FilePath tmp = parent.createTempFile(".receiving-" + target.getName() + "-", ".tmp");
            OutputStream out = tmp.write();
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
                        tmp.act(new MoveIntoPlace(target.getName()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    done = true;
                }

                @Override
                public void close() {
                    if (!done) {
                        try {
                            out.close();
                            tmp.delete();
                        } catch (IOException | InterruptedException e) {
                            // Best effort: a leftover .receiving-* file is harmless and named as such.
                        }
                    }
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * On the workspace's node: renames the finished temporary file over its target, replacing a
     * file of that name in one step (a reader sees the old file or the new one, never neither).
     */
    static final class MoveIntoPlace extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String name;

        MoveIntoPlace(String name) {
            this.name = name;
        }

        @Override
        public Void invoke(File tmp, VirtualChannel channel) throws IOException {
            Path from = tmp.toPath();
            Files.move(
                    from,
                    from.resolveSibling(name),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return null;
        }
    }
}
