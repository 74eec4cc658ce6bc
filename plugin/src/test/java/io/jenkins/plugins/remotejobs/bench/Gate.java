package io.jenkins.plugins.remotejobs.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a thousand jobs running however long their starts take, then ends them all at once: each
 * job reads one line from a FIFO ({@code read x < fifo}). The controller holds the FIFO open for
 * reading and writing from before the first job until the last one ended, so a job's {@code open}
 * never blocks on a missing writer and a job that reaches its {@code read} only after the release
 * still finds its line waiting. The agents of this benchmark share the controller's machine, so the
 * FIFO is one path for all of them. Public because the pipeline releases the gate.
 */
public final class Gate {

    private static final Map<String, RandomAccessFile> OPEN = new ConcurrentHashMap<>();

    private Gate() {}

    static void prepare(String fifo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", fifo).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " exited " + p.exitValue());
        }
        // On Linux opening a FIFO read-write never blocks, and it counts as a writer for the jobs.
        OPEN.put(fifo, new RandomAccessFile(fifo, "rw"));
    }

    /** One line per job: each {@code read} takes exactly one line from a pipe. */
    public static void release(String fifo, int jobs) throws IOException {
        byte[] lines = "go\n".repeat(jobs).getBytes(StandardCharsets.US_ASCII);
        OPEN.get(fifo).write(lines);
    }

    static void close(String fifo) throws IOException {
        RandomAccessFile f = OPEN.remove(fifo);
        if (f != null) {
            f.close();
        }
    }
}
