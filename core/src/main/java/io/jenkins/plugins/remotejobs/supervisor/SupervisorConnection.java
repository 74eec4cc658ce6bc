package io.jenkins.plugins.remotejobs.supervisor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An agent's connection to its cache's supervisor, started on first use: the supervisor lives on
 * while the connection is open and, after it closes, as long as it has jobs. An order whose reply
 * is lost (the supervisor died, or exited idle as the order came) is sent again, to a new
 * supervisor if need be; the supervisor starts nothing twice for one process file. Thread-safe:
 * orders go one at a time (each takes the supervisor a millisecond or two).
 */
public final class SupervisorConnection implements AutoCloseable {

    /** A small heap, one compiler, no shared-memory statistics: a supervisor stays far below 64 MiB. */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms4m",
            "-Xmx24m",
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=32m",
            "-XX:-UsePerfData",
            "-Xshare:auto");

    private final Path cacheRoot;
    private final Set<String> hiddenVariables;
    private final Duration startTimeout;
    private final Platform platform = Platform.current();
    private SocketChannel channel;
    private DataInputStream in;
    private DataOutputStream out;

    /**
     * @param hiddenVariables variables of this JVM's environment the supervisor must not inherit
     *     (by which something would find it to kill)
     */
    public SupervisorConnection(Path cacheRoot, Set<String> hiddenVariables, Duration startTimeout) {
        this.cacheRoot = cacheRoot;
        this.hiddenVariables = Set.copyOf(hiddenVariables);
        this.startTimeout = startTimeout;
    }

    public Platform platform() {
        return platform;
    }

    /**
     * Has the supervisor start the job, its process recorded in {@link LaunchOrder#processFile}
     * before this returns.
     *
     * @throws IOException with the supervisor's reason when it refused, or when no supervisor could
     *     be reached or started
     */
    public synchronized void start(LaunchOrder order) throws IOException {
        IOException lost = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            connect(); // a supervisor that cannot be started or reached is not tried again here
            try {
                out.writeInt(JobSupervisor.PROTOCOL);
                order.writeTo(out);
                out.flush();
                if (in.readByte() == JobSupervisor.STARTED) {
                    return;
                }
                throw new SupervisorRefusal(LaunchOrder.readString(in));
            } catch (SupervisorRefusal refused) {
                throw new IOException(refused.getMessage());
            } catch (IOException e) {
                lost = e;
                disconnect();
            }
        }
        throw new IOException("lost the connection to the job supervisor: " + lost.getMessage(), lost);
    }

    private void connect() throws IOException {
        if (channel != null) {
            return;
        }
        Path socket = SupervisorPaths.socket(cacheRoot);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        boolean spawned = false;
        while (true) {
            try {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                channel = ch;
                in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
                out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
                return;
            } catch (IOException notYet) {
                if (!spawned) {
                    spawn(socket);
                    spawned = true;
                } else if (System.nanoTime() > deadline) {
                    throw new IOException("the job supervisor did not start within " + startTimeout.toSeconds()
                            + " s; see " + SupervisorPaths.directory(cacheRoot).resolve("supervisor.log"));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the job supervisor");
                }
            }
        }
    }

    /** The supervisor's command line: it names itself and its cache, so {@code ps} tells it apart. */
    List<String> command(Path socket) throws IOException {
        Path jar = SupervisorJar.write(cacheRoot);
        List<String> cmd = new ArrayList<>();
        cmd.add(platform.java(Path.of(System.getProperty("java.home"))).toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-Dremotejobs.supervisor=" + cacheRoot);
        cmd.addAll(List.of("-cp", jar.toString(), JobSupervisor.class.getName(), cacheRoot.toString()));
        cmd.add(socket.toString());
        return cmd;
    }

    private void spawn(Path socket) throws IOException {
        Platform.Spawn spawn = platform.detached(command(socket), cacheRoot);
        ProcessBuilder pb = new ProcessBuilder(spawn.command()).redirectErrorStream(true);
        pb.environment().keySet().removeAll(hiddenVariables);
        pb.environment().putAll(spawn.environment());
        Process p = pb.start();
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(
                        "starting the job supervisor took longer than " + startTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the job supervisor");
        }
        if (p.exitValue() != 0) {
            throw new IOException("cannot start the job supervisor (exit code " + p.exitValue() + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }

    private void disconnect() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
        channel = null;
        in = null;
        out = null;
    }

    /** Closes the connection; the supervisor goes on with its jobs, and exits once they are done. */
    @Override
    public synchronized void close() {
        disconnect();
    }

    /** The supervisor's own no, which is not retried. */
    private static final class SupervisorRefusal extends IOException {
        private static final long serialVersionUID = 1L;

        SupervisorRefusal(String message) {
            super(message);
        }
    }
}
