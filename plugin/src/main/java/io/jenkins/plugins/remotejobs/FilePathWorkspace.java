package io.jenkins.plugins.remotejobs;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.remoting.CopyOnAgent;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.NewFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * A build's workspace, wherever its node is: the file is written to a temporary sibling through the
 * remoting channel, or copied into it on the agent from the agent's job cache, and renamed into
 * place once complete, atomically replacing a file of that name (workspaces are reused from build
 * to build).
 */
final class FilePathWorkspace implements Workspace {

    private final FilePath root;

    FilePathWorkspace(FilePath root) {
        this.root = root;
    }

    /** The agent the workspace is on (the one with its channel); none for the controller's own disk. */
    @Override
    public String node() {
        Computer computer = root.isRemote() ? root.toComputer() : null;
        return computer == null ? null : computer.getName();
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
            FilePath tmp = parent.child(parent.act(new CreatePending(".receiving-" + target.getName() + "-")));
            return new PendingFile() {
                private boolean done;
                /** Opened on first use: a file copied on the agent never needs it. */
                private OutputStream out;

                private boolean appended;

                @Override
                public OutputStream stream() throws IOException {
                    // Opening truncates: bytes appended on the agent before would be lost.
                    if (appended) {
                        throw new IllegalStateException("a file appended to on its agent is not written here too");
                    }
                    if (out == null) {
                        try {
                            out = tmp.write();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                    }
                    return out;
                }

                @Override
                public long appendOutput(String instanceId, StreamName stream, long from, long to) throws IOException {
                    // The stream's bytes travel on the channel apart from this call, in no order with it.
                    if (out != null) {
                        throw new IllegalStateException("a file written here is not appended to on its agent too");
                    }
                    String node = node();
                    if (node == null) {
                        throw new UnsupportedOperationException("this workspace is on no agent");
                    }
                    appended = true;
                    try {
                        return CopyOnAgent.append(tmp, node, instanceId, stream, from, to);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }

                @Override
                public void commit() throws IOException {
                    if (out != null) {
                        out.close();
                    }
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
                            if (out != null) {
                                out.close();
                            }
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
     * On the workspace's node: creates the empty temporary file the output is written to, with
     * the permissions the umask gives there (as the file it becomes would get from {@code cp});
     * returns its name.
     */
    static final class CreatePending extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String prefix;

        CreatePending(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String invoke(File dir, VirtualChannel channel) throws IOException {
            return NewFiles.createUnique(dir.toPath(), prefix, ".tmp").toFile().getName();
        }
    }

    /**
     * On the workspace's node: renames the finished temporary file over its target, replacing a
     * file of that name in one step (a reader sees the old file or the new one, never neither), and
     * makes it survive a power loss.
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
            // On the disk before the output counts as consumed, which comes next.
            AtomicFiles.moveDurably(from, from.resolveSibling(name));
            return null;
        }
    }
}
