package io.jenkins.plugins.remotejobs.controller.table;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The journal's file, appended to in whole entries. A replay stops at the first torn entry, so an
 * entry must never follow one: an append that fails part-way (a full disk takes the bytes that fit,
 * then refuses the rest) is cut off again at once. When that cut fails too, every later append
 * tries it first and fails while it cannot; so the file is always whole entries, at most followed
 * by one torn entry at its very end (the process died mid-write), which a replay drops.
 */
class JournalFile implements AutoCloseable {

    /** Opens a journal's file, cut to the end of its last intact entry. */
    @FunctionalInterface
    interface Opener {
        JournalFile open(Path path, long intact) throws IOException;
    }

    /** Not a FileChannel: an interrupted step thread would close it for everyone. */
    private final RandomAccessFile file;
    /** Where the last whole entry ends. */
    private long end;
    /** Bytes of a failed append may lie beyond {@link #end}. */
    private boolean torn;

    JournalFile(Path path, long intact) throws IOException {
        file = new RandomAccessFile(path.toFile(), "rw");
        setLength(intact);
        file.seek(intact);
        end = intact;
    }

    /** Appends one whole entry, or throws having left none of it in the file (as far as it can). */
    final void append(byte[] entry) throws IOException {
        cutTornEntry();
        try {
            write(entry);
        } catch (IOException e) {
            torn = true;
            try {
                cutTornEntry();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        end += entry.length;
    }

    /** Empties the file (its entries are in a snapshot now). */
    final void empty() throws IOException {
        setLength(0);
        file.seek(0);
        end = 0;
        torn = false;
    }

    void sync() throws IOException {
        file.getFD().sync();
    }

    private void cutTornEntry() throws IOException {
        if (!torn) {
            return;
        }
        try {
            setLength(end);
            file.seek(end);
        } catch (IOException e) {
            throw new IOException(
                    "the job table's journal ends in a torn entry at byte " + end
                            + " that cannot be cut off (" + e.getMessage()
                            + "); nothing is appended after it until it can",
                    e);
        }
        torn = false;
    }

    /** Writes all the bytes at the file's position, or throws, maybe after writing some of them. */
    void write(byte[] bytes) throws IOException {
        file.write(bytes);
    }

    void setLength(long length) throws IOException {
        file.setLength(length);
    }

    @Override
    public final void close() throws IOException {
        file.close();
    }
}
