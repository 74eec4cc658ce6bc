package io.jenkins.plugins.remotejobs.bench;

import java.io.OutputStream;

/** Counts what is written and keeps nothing, so a transfer is timed without a disk behind it. */
final class CountingSink extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }

    long count() {
        return count;
    }
}
