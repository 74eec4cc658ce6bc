package io.jenkins.plugins.remotejobs.local.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A socket whose streams carry large buffers. RMI wraps a connection's streams in 8 KiB buffers and
 * serialization writes in 1 KiB blocks, so output moved in bulk (a read of megabytes of job output)
 * would otherwise cost one system call per 8 KiB on each side; with these, one per
 * {@link #BUFFER_SIZE}. RMI flushes at the end of every message, and each flush passes through, so
 * nothing waits in a buffer for a reply.
 */
class BufferedSocket extends Socket {

    static final int BUFFER_SIZE = 256 << 10;

    private InputStream in; // guarded by this
    private OutputStream out; // guarded by this

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(super.getInputStream(), BUFFER_SIZE);
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new BufferedOutputStream(super.getOutputStream(), BUFFER_SIZE);
        }
        return out;
    }

    /** The socket's own input, unbuffered, for an exchange that must not read ahead of itself. */
    final InputStream rawInputStream() throws IOException {
        return super.getInputStream();
    }

    /** The socket's own output, unbuffered. */
    final OutputStream rawOutputStream() throws IOException {
        return super.getOutputStream();
    }
}
