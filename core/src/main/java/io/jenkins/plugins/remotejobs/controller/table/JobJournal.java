package io.jenkins.plugins.remotejobs.controller.table;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.util.Fsync;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The job table on disk: a compacted snapshot plus an append-only journal of changes since, both
 * in the JDK's {@link DataOutputStream} encoding. A change costs one append; a reload reads the
 * snapshot and replays the journal; a torn last entry (the process died mid-write) is detected by
 * its checksum and dropped; an append that fails part-way is cut off again at once ({@link
 * JournalFile}), so no entry is ever written behind a torn one. Appends reach the OS at once, so a
 * killed process loses nothing; {@link #sync} forces them to the disk where durability against a
 * power loss matters, as a group commit: the appends of concurrent steps share one sync, which runs
 * while further appends go on.
 */
final class JobJournal implements AutoCloseable {

    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';
    /** The highest id ever given out, so that ids of removed jobs are never reused. */
    private static final byte HIGHEST_ID = 'H';

    private final Path snapshot;
    private final Path journal;
    private JournalFile appender;

    private long entries;
    private long highestId;
    /** Appends ever made by this process; {@link #durable} of them are on the disk. */
    private long appended;
    /** Held by the one thread that syncs; the others wait on it and find their appends synced. */
    private final Object syncing = new Object();
    /** Guarded by {@link #syncing}. */
    private long durable;

    private JobJournal(Path dir) {
        this.snapshot = dir.resolve("jobs.snapshot");
        this.journal = dir.resolve("jobs.journal");
    }

    /** Opens the journal in {@code dir} and returns it with the records it holds, by id. */
    static JobJournal open(Path dir, Map<Long, JobRecord> into) throws IOException {
        return open(dir, into, JournalFile::new);
    }

    /** As {@link #open(Path, Map)}, with the journal's file opened by {@code opener} (tests fail its writes). */
    static JobJournal open(Path dir, Map<Long, JobRecord> into, JournalFile.Opener opener) throws IOException {
        JobJournal j = new JobJournal(dir);
        j.replay(j.snapshot, into);
        j.entries = 0;
        long good = j.replay(j.journal, into);
        j.appender = opener.open(j.journal, good);
        return j;
    }

    synchronized void put(JobRecord record) throws IOException {
        append(entry(PUT, recordPayload(record)));
        highestId = Math.max(highestId, record.id());
    }

    synchronized void delete(long id) throws IOException {
        append(entry(DELETE, ByteBuffer.allocate(8).putLong(id).array()));
    }

    private void append(byte[] entry) throws IOException {
        appender.append(entry);
        entries++;
        appended++;
    }

    /** Journal entries written since the last compaction (by this process). */
    synchronized long entries() {
        return entries;
    }

    /**
     * Forces everything appended so far to the disk. A caller that finds a sync running waits for
     * it and then needs none of its own when that sync covered its appends.
     */
    void sync() throws IOException {
        long mine;
        synchronized (this) {
            mine = appended;
        }
        synchronized (syncing) {
            if (durable >= mine) {
                return;
            }
            long covered;
            JournalFile file;
            synchronized (this) {
                covered = appended;
                file = appender;
            }
            file.sync(); // outside this journal's lock: appends go on meanwhile
            durable = covered;
        }
    }

    /** The highest job id this journal has ever seen, removed jobs included. */
    synchronized long highestId() {
        return highestId;
    }

    /** Writes all records as the new snapshot, then empties the journal. */
    synchronized void compact(Collection<JobRecord> records) throws IOException {
        Path tmp = snapshot.resolveSibling(snapshot.getFileName() + ".tmp");
        try {
            writeSnapshot(tmp, records);
        } catch (IOException | RuntimeException e) {
            // A full disk: the partial snapshot would hold on to the room that is missing.
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The new snapshot's name on the disk before the journal is emptied: a power loss must not
        // bring back the old snapshot beside an empty journal. A crash before the truncate only
        // replays entries the snapshot already holds.
        Fsync.directory(snapshot.toAbsolutePath().getParent());
        appender.empty();
        entries = 0;
    }

    private void writeSnapshot(Path tmp, Collection<JobRecord> records) throws IOException {
        try (FileChannel ch = FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out =
                        new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
            out.write(
                    entry(HIGHEST_ID, ByteBuffer.allocate(8).putLong(highestId).array()));
            for (JobRecord r : records) {
                out.write(entry(PUT, recordPayload(r)));
            }
            out.flush();
            ch.force(false);
        }
    }

    private static byte[] recordPayload(JobRecord r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        Properties p = JobRecordCodec.encode(r);
        out.writeInt(p.size());
        for (Map.Entry<Object, Object> e : p.entrySet()) {
            String value = (String) e.getValue();
            out.writeUTF((String) e.getKey());
            try {
                out.writeUTF(value);
            } catch (UTFDataFormatException tooLong) {
                throw new UTFDataFormatException("job " + r.id() + "'s " + e.getKey() + " is too long to record: "
                        + value.length() + " characters, where at most 65535 bytes of UTF-8 fit");
            }
        }
        return bytes.toByteArray();
    }

    /** One entry: type, payload length, payload, CRC-32 of the payload. */
    private static byte[] entry(byte type, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(1 + 4 + payload.length + 4)
                .put(type)
                .putInt(payload.length)
                .put(payload)
                .putInt((int) crc.getValue())
                .array();
    }

    /** Applies a file's entries in order; returns the length of its intact prefix. */
    private long replay(Path file, Map<Long, JobRecord> into) throws IOException {
        long good = 0;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int type = in.read();
                if (type < 0) {
                    break;
                }
                int length = in.readInt();
                if (length < 0 || length > (1 << 24)) {
                    break;
                }
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    break;
                }
                int expected = in.readInt();
                CRC32 crc = new CRC32();
                crc.update(payload);
                if ((int) crc.getValue() != expected) {
                    break;
                }
                apply((byte) type, payload, into);
                good += 1 + 4 + length + 4;
                entries++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (EOFException e) {
            // A torn last entry: everything before it stands.
        }
        return good;
    }

    private void apply(byte type, byte[] payload, Map<Long, JobRecord> into) throws IOException {
        if (type == DELETE || type == HIGHEST_ID) {
            long id = ByteBuffer.wrap(payload).getLong();
            highestId = Math.max(highestId, id);
            if (type == DELETE) {
                into.remove(id);
            }
            return;
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        int n = in.readInt();
        Properties p = new Properties();
        for (int i = 0; i < n; i++) {
            p.setProperty(in.readUTF(), in.readUTF());
        }
        JobRecord r = JobRecordCodec.decode(p);
        into.put(r.id(), r);
        highestId = Math.max(highestId, r.id());
    }

    @Override
    public synchronized void close() throws IOException {
        appender.close();
    }
}
