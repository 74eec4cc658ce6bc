package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where received output goes: a text buffer (echoed to the log) or a workspace file. */
abstract class Delivery implements AutoCloseable {
    /**
     * What was delivered but not consumed yet, by child and stream: a file's pieces are consumed
     * once it is in place; kept pieces never are, but a waiting receive must not repeat them.
     */
    final Map<String, JobReceiver.Piece> claims = new LinkedHashMap<>();

    /** What was delivered (and, unless kept, consumed), in order. */
    final List<ReceiveResult.Range> ranges = new ArrayList<>();

    abstract boolean isFile();

    /** Text decoded from {@code bytes}, which are {@code [from, to)} of a child's stream. */
    void text(
            JobRecord child,
            StreamName stream,
            long from,
            byte[] bytes,
            Charset charset,
            ReceiveSpec spec,
            Caller caller) {}

    void header(String line, ReceiveSpec spec, Caller caller) {}

    void bytes(byte[] data) throws IOException {}

    void finish() throws IOException {}

    String text() {
        return null;
    }

    @Override
    public void close() {}

    static Delivery toText() {
        return new Delivery() {
            private final StringBuilder text = new StringBuilder();

            @Override
            boolean isFile() {
                return false;
            }

            @Override
            void text(
                    JobRecord child,
                    StreamName stream,
                    long from,
                    byte[] bytes,
                    Charset charset,
                    ReceiveSpec spec,
                    Caller caller) {
                String piece = new String(bytes, charset);
                text.append(piece);
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
            void header(String line, ReceiveSpec spec, Caller caller) {
                text.append(line);
                if (!spec.quiet()) {
                    caller.log().print(line);
                }
            }

            @Override
            String text() {
                return text.toString();
            }
        };
    }

    static Delivery toFile(Workspace workspace, String path) {
        Workspace.PendingFile file;
        try {
            file = workspace.create(path);
        } catch (IOException e) {
            throw new JobException("receiveJob: cannot write '" + path + "': " + e.getMessage());
        }
        return new Delivery() {
            private final OutputStream stream = file.stream();

            @Override
            boolean isFile() {
                return true;
            }

            @Override
            void header(String line, ReceiveSpec spec, Caller caller) {
                try {
                    stream.write(line.getBytes(Charset.defaultCharset()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            void bytes(byte[] data) throws IOException {
                stream.write(data);
            }

            @Override
            void finish() throws IOException {
                file.commit();
            }

            @Override
            public void close() {
                file.close();
            }
        };
    }
}
