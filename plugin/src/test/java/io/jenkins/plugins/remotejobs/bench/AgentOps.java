package io.jenkins.plugins.remotejobs.bench;

import hudson.model.Computer;
import hudson.model.Node;
import hudson.remoting.VirtualChannel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import jenkins.model.Jenkins;
import jenkins.security.MasterToSlaveCallable;

/**
 * What the benchmark does on an agent itself, one small callable each: make the test data, check
 * received bytes, and the local baselines that must not pay for a Pipeline step around them (a
 * {@code cp} timed by the agent, gzip on the agent's core). Public because pipelines call the static
 * helpers.
 */
public final class AgentOps {

    private AgentOps() {}

    static VirtualChannel channel(String node) {
        Node n = Jenkins.get().getNode(node);
        Computer c = n == null ? null : n.toComputer();
        VirtualChannel ch = c == null ? null : c.getChannel();
        if (ch == null) {
            throw new IllegalStateException("agent " + node + " is not connected");
        }
        return ch;
    }

    /** {@code cp src dst} on the agent; the nanoseconds it took there, spawn of {@code cp} included. */
    public static long timedCopy(String node, String src, String dst) throws Exception {
        return channel(node).call(new TimedCopy(src, dst));
    }

    public static void delete(String node, String path) throws Exception {
        channel(node).call(new Delete(path));
    }

    public static String sha256(String node, String path) throws Exception {
        return channel(node).call(new Sha256(path));
    }

    /**
     * Log-like text, the output a job typically sends back: numbers drawn from a seeded random, so
     * it compresses about as well as real logs (4–6 ×, not the thousands of a repeated line) and the
     * same size always gives the same bytes. Returns the sha256 of what it wrote.
     */
    static final class WriteText extends MasterToSlaveCallable<String, IOException> {
        private static final long serialVersionUID = 1L;
        private static final String[] PATHS = {"/api/items", "/api/users", "/health", "/static/app.js", "/login"};
        private final String path;
        private final long bytes;

        WriteText(String path, long bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        @Override
        public String call() throws IOException {
            Path file = Path.of(path);
            Files.createDirectories(file.getParent());
            MessageDigest sha = sha();
            Random random = new Random(42);
            StringBuilder line = new StringBuilder(160);
            long written = 0;
            long millis = 1_780_000_000_000L;
            try (OutputStream out =
                    new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), sha)) {
                while (written < bytes) {
                    millis += random.nextInt(50);
                    line.setLength(0);
                    line.append(millis)
                            .append(" INFO [worker-")
                            .append(random.nextInt(32))
                            .append("] GET ")
                            .append(PATHS[random.nextInt(PATHS.length)])
                            .append('/')
                            .append(random.nextInt(1_000_000))
                            .append(" took ")
                            .append(random.nextInt(2000))
                            .append(" ms status=")
                            .append(random.nextInt(10) == 0 ? 500 : 200)
                            .append(" bytes=")
                            .append(random.nextInt(100_000))
                            .append('\n');
                    byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
                    int n = (int) Math.min(b.length, bytes - written);
                    out.write(b, 0, n);
                    written += n;
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    static final class Sha256 extends MasterToSlaveCallable<String, IOException> {
        private static final long serialVersionUID = 1L;
        private final String path;

        Sha256(String path) {
            this.path = path;
        }

        @Override
        public String call() throws IOException {
            MessageDigest sha = sha();
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    static final class TimedCopy extends MasterToSlaveCallable<Long, IOException> {
        private static final long serialVersionUID = 1L;
        private final String src;
        private final String dst;

        TimedCopy(String src, String dst) {
            this.src = src;
            this.dst = dst;
        }

        @Override
        public Long call() throws IOException {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("cp", src, dst)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true)
                    .start();
            try {
                if (p.waitFor() != 0) {
                    throw new IOException("cp " + src + " " + dst + " exited " + p.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return System.nanoTime() - t;
        }
    }

    static final class Delete extends MasterToSlaveCallable<Void, IOException> {
        private static final long serialVersionUID = 1L;
        private final String path;

        Delete(String path) {
            this.path = path;
        }

        @Override
        public Void call() throws IOException {
            Files.deleteIfExists(Path.of(path));
            return null;
        }
    }

    /**
     * Gzip of a file on the agent, on one thread (one core), into nothing: {nanoseconds, compressed
     * bytes}. What compressing output before it crosses the channel would cost the agent.
     */
    static final class TimedGzip extends MasterToSlaveCallable<long[], IOException> {
        private static final long serialVersionUID = 1L;
        private final String path;
        private final int level;

        TimedGzip(String path, int level) {
            this.path = path;
            this.level = level;
        }

        @Override
        public long[] call() throws IOException {
            CountingSink sink = new CountingSink();
            byte[] buf = new byte[1 << 20];
            long t = System.nanoTime();
            try (InputStream in = Files.newInputStream(Path.of(path));
                    OutputStream gz = new LevelGzip(sink, level)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    gz.write(buf, 0, n);
                }
            }
            return new long[] {System.nanoTime() - t, sink.count()};
        }
    }

    /** GZIPOutputStream at a chosen level (its constructor has none). */
    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
