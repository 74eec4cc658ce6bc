package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.host.WorkspaceUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where received output goes: a text buffer (echoed to the log), the log alone, or a workspace file. */
abstract class Delivery implements AutoCloseable {
    /**
     * What was delivered but not consumed yet, by child and stream: a file's pieces are consumed
     * once it is in place; kept pieces never are, but a waiting receive must not repeat them.
     */
    final Map<String, ReceivePass.Piece> claims = new LinkedHashMap<>();

    /** What was delivered (and, unless kept, consumed), in order. */
    final List<ReceiveResult.Range> ranges = new ArrayList<>();

    abstract boolean isFile();

    /** Whether the bytes pass through here; not when {@link #copyWhereTheFileIs} copies them. */
    boolean readsHere() {
        return true;
    }

    /** Text decoded from {@code bytes}, which are {@code [from, to)} of a child's stream. */
    void text(JobRecord child, StreamName stream, long from, byte[] bytes, Charset charset) {}

    void header(String line) throws IOException {}

    void bytes(byte[] data) throws IOException {}

    /**
     * Appends {@code [from, to)} of a piece's stream where the file is, when this delivery copies
     * there rather than through here; returns the bytes appended, or -1 when the bytes must be read
     * and passed to {@link #bytes}.
     */
    long copyWhereTheFileIs(ReceivePass.Piece piece, long from, long to) throws IOException {
        return -1;
    }

    void finish() throws IOException {}

    String text() {
        return null;
    }

    @Override
    public void close() {}

    /**
     * Where {@code receiving}'s output goes: the file its spec names, else text, else the log alone.
     *
     * @throws WorkspaceUnreachableException when the file's workspace is on a node that is away
     */
    static Delivery of(Receiving receiving) throws WorkspaceUnreachableException {
        ReceiveSpec spec = receiving.spec();
        return spec.file() != null
                ? toFile(receiving.caller().workspace(), spec.file(), receiving.job(), receiving.callId())
                : toText(spec, receiving.caller());
    }

    /**
     * Into text echoed to the log unless quiet; with {@code logOnly}, into the build log as it
     * comes, keeping none of it: no text to return, so no cap.
     */
    private static Delivery toText(ReceiveSpec spec, Caller caller) {
        boolean returned = !spec.logOnly();
        return new Delivery() {
            private final StringBuilder text = new StringBuilder();

            @Override
            boolean isFile() {
                return false;
            }

            @Override
            void text(JobRecord child, StreamName stream, long from, byte[] bytes, Charset charset) {
                String piece = new String(bytes, charset);
                if (returned) {
                    text.append(piece);
                }
                long to = from + bytes.length;
                long shown = caller.shownUpTo(child.id(), stream);
                if (!spec.quiet() && shown < to) {
                    // A resumed wait shows only what the interrupted one did not (pieces end on
                    // whole characters, so the offset it recorded is a character boundary).
                    int skip = (int) Math.max(0, shown - from);
                    caller.log().print(skip == 0 ? piece : new String(bytes, skip, bytes.length - skip, charset));
                    caller.shown(child.id(), stream, to);
                }
            }

            @Override
            void header(String line) {
                if (returned) {
                    text.append(line);
                }
                if (!spec.quiet()) {
                    caller.log().print(line);
                }
            }

            @Override
            String text() {
                return returned ? text.toString() : null;
            }
        };
    }

    /**
     * Into a workspace file. The output of a job kept on the workspace's own node is copied there,
     * never crossing to here: only for a single job (a parent's children may be on other nodes, and
     * one file is written one way), and only in agent mode (a controller-mode job's output is here).
     */
    private static Delivery toFile(Workspace workspace, String path, JobRecord job, String callId)
            throws WorkspaceUnreachableException {
        String node = workspace.node();
        boolean onNode = node != null && !job.isParent() && job.keepOnAgent() && node.equals(job.node());
        Workspace.PendingFile created = null;
        try {
            created = workspace.create(path, callId);
            if (!onNode) {
                created.stream(); // opened now: a file that cannot be written fails before anything is read
            }
        } catch (IOException e) {
            if (created != null) {
                created.close();
            }
            if (e instanceof WorkspaceUnreachableException away) {
                throw away;
            }
            throw new JobException("receiveJob: cannot write '" + path + "': " + e.getMessage());
        }
        Workspace.PendingFile file = created;
        return new Delivery() {
            private boolean committed;

            @Override
            boolean isFile() {
                return true;
            }

            @Override
            void header(String line) throws IOException {
                file.stream().write(line.getBytes(Charset.defaultCharset()));
            }

            @Override
            void bytes(byte[] data) throws IOException {
                file.stream().write(data);
            }

            @Override
            boolean readsHere() {
                return !onNode;
            }

            @Override
            long copyWhereTheFileIs(ReceivePass.Piece piece, long from, long to) throws IOException {
                return onNode ? piece.source().copyInto(file, piece.stream(), from, to) : -1;
            }

            @Override
            void finish() throws IOException {
                if (!committed) { // a waiting receive commits in its last round, then finishes
                    file.commit();
                    committed = true;
                }
            }

            @Override
            public void close() {
                file.close();
            }
        };
    }
}
