package io.jenkins.plugins.remotejobs;

import hudson.FilePath;
import io.jenkins.plugins.remotejobs.controller.Workspace;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A build's workspace, wherever its node is: the file is written to a temporary sibling through the
 * remoting channel and renamed into place once complete.
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
            FilePath tmp = parent.createTempFile("." + target.getName(), ".receiving");
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
                        tmp.renameTo(target);
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
                            // Best effort: a leftover .receiving file is harmless and named as such.
                        }
                    }
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
