package io.jenkins.plugins.remotejobs;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.controller.host.ReceivingFiles;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.host.WorkspaceUnreachableException;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.remoting.CopyOnAgent;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * A build's workspace, wherever its node is: the file is written to a temporary sibling through the
 * remoting channel, or copied into it on the agent from the agent's job cache, and renamed into
 * place once complete, atomically replacing a file of that name (workspaces are reused from build
 * to build). A workspace whose channel closed is looked up again, so that a receive can begin its
 * file again once the agent is back; until then every call says the node is away.
 */
final class FilePathWorkspace implements Workspace {

    private final BuildCaller.WorkspaceLookup lookup;
    /** The agent's name while it was connected, for messages once it is not. */
    private final String agent;

    private FilePath root;

    FilePathWorkspace(FilePath root, BuildCaller.WorkspaceLookup lookup) {
        this.root = root;
        this.lookup = lookup;
        Computer computer = root.isRemote() ? root.toComputer() : null;
        this.agent = computer == null ? null : computer.getName();
    }

    /** The agent the workspace is on (the one with its channel); none for the controller's own disk, or one away. */
    @Override
    public String node() {
        try {
            FilePath now = live();
            Computer computer = now.isRemote() ? now.toComputer() : null;
            return computer == null ? null : computer.getName();
        } catch (WorkspaceUnreachableException e) {
            return null; // the file is created next, which says so
        }
    }

    @Override
    public PendingFile create(String relativePath) throws IOException {
        return create(relativePath, null);
    }

    @Override
    public PendingFile create(String relativePath, String callId) throws IOException {
        FilePath target = live().child(relativePath);
        FilePath parent = target.getParent();
        if (parent == null) {
            throw new IOException(Messages.FilePathWorkspace_notAFile(relativePath));
        }
        FilePath tmp = onNode(parent, () -> {
            parent.mkdirs();
            return parent.child(parent.act(new CreatePending(target.getName(), callId)));
        });
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
                    out = new ToNode(tmp, onNode(tmp, tmp::write));
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
                    throw away(null);
                }
                appended = true;
                return onNode(tmp, () -> CopyOnAgent.append(tmp, node, instanceId, stream, from, to));
            }

            @Override
            public void commit() throws IOException {
                if (out != null) {
                    out.close();
                }
                onNode(tmp, () -> tmp.act(new MoveIntoPlace(target.getName())));
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
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        // Best effort (its channel may be closed): a leftover is harmless, and the
                        // call's next attempt removes it (ReceivingFiles).
                    }
                }
            }
        };
    }

    /** The workspace on its node's current channel, looked up again once the one it had closed. */
    private FilePath live() throws WorkspaceUnreachableException {
        if (!closed(root)) {
            return root;
        }
        FilePath now;
        try {
            now = lookup.current();
        } catch (IOException e) {
            throw away(e); // Pipeline cannot make the workspace live: its agent is not back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw away(e);
        }
        if (now == null || closed(now)) {
            throw away(null);
        }
        root = now;
        return now;
    }

    private static boolean closed(FilePath path) {
        return path.getChannel() instanceof Channel channel && channel.isClosingOrClosed();
    }

    private WorkspaceUnreachableException away(Throwable cause) {
        return new WorkspaceUnreachableException(
                agent == null ? Messages.FilePathWorkspace_away() : Messages.FilePathWorkspace_agentAway(agent), cause);
    }

    /** A call on the workspace's node through {@code on}'s channel. */
    @FunctionalInterface
    private interface NodeCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Does {@code call}; a failure because {@code on}'s channel closed says that the node is away. */
    private <T> T onNode(FilePath on, NodeCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (IOException | RuntimeException e) { // remoting's RequestAbortedException is unchecked
            if (closed(on)) {
                throw away(e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A stream to the node whose failures, once its channel closed, say that the node is away. */
    private final class ToNode extends FilterOutputStream {
        private final FilePath file;

        ToNode(FilePath file, OutputStream out) {
            super(out);
            this.file = file;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            onNode(file, () -> {
                out.write(b, off, len);
                return null;
            });
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            onNode(file, () -> {
                out.flush();
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            onNode(file, () -> {
                out.close();
                return null;
            });
        }
    }

    /**
     * On the workspace's node: creates the empty temporary file the output is written to, with
     * the permissions the umask gives there (as the file it becomes would get from {@code cp}),
     * once what an earlier attempt of the same step call left there is gone; returns its name.
     */
    static final class CreatePending extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String target;
        private final String callId;

        CreatePending(String target, String callId) {
            this.target = target;
            this.callId = callId;
        }

        @Override
        public String invoke(File dir, VirtualChannel channel) throws IOException {
            return ReceivingFiles.create(dir.toPath(), target, callId).toFile().getName();
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
