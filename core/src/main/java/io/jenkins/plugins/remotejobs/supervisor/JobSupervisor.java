package io.jenkins.plugins.remotejobs.supervisor;

import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisor of one agent job cache: a small JVM, detached from the agent, that starts the
 * cache's jobs as its children and looks after them until they end, whether or not an agent JVM
 * runs meanwhile. Command line: {@code JobSupervisor <cache root> <socket>}.
 *
 * <p>One runs per cache (a file lock in {@link SupervisorPaths#directory}); a second exits at
 * once. Agents connect to its socket and keep the connection while their cache is open; it exits
 * once no agent is connected and no job of its own runs, a few seconds later, or when the cache's
 * directory is gone. If it dies, its running jobs go on but nobody records their exit codes:
 * their status says so, as it says of a killed {@code sh} wrapper.
 */
public final class JobSupervisor {

    /** Changes whenever the order or the reply changes shape; an agent and a supervisor must agree. */
    static final int PROTOCOL = 1;

    static final byte STARTED = 0;
    static final byte REFUSED = 1;

    private static final long TICK_MILLIS = 100;
    private static final long TREE_SAMPLE_MILLIS = 1000;
    private static final long IDLE_MILLIS = 3000;
    private static final File NULL_DEVICE = new File(Platform.isWindows() ? "NUL" : "/dev/null");

    private static volatile PrintStream log = System.err;

    private final Path root;
    private final Platform platform = Platform.current();
    private final Map<String, SupervisedJob> jobs = new ConcurrentHashMap<>();
    private final Properties self = identity();
    private int connections;
    private ServerSocketChannel server;

    private JobSupervisor(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: JobSupervisor <cache root> <socket>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path dir = SupervisorPaths.ensureDirectory(root);
        log = new PrintStream(new FileOutputStream(dir.resolve("supervisor.log").toFile(), true), true, "UTF-8");
        System.setErr(log);
        try (FileChannel lockFile =
                        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return; // another supervisor looks after this cache
            }
            new JobSupervisor(root).serve(Path.of(args[1]));
        }
        System.exit(0);
    }

    private void serve(Path socket) throws IOException, InterruptedException {
        Files.deleteIfExists(socket); // left by a supervisor that died: the lock says none runs
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        log("started, pid " + ProcessHandle.current().pid() + ", socket " + socket);
        Thread acceptor = new Thread(this::accept, "remote-jobs-supervisor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        long idleSince = System.currentTimeMillis();
        long sampledAt = 0;
        while (Files.isDirectory(root)) {
            long now = System.currentTimeMillis();
            if (now - sampledAt >= TREE_SAMPLE_MILLIS && !jobs.isEmpty()) {
                ProcessSnapshot snapshot = ProcessSnapshot.now();
                jobs.values().forEach(job -> job.track(snapshot));
                sampledAt = now;
            }
            jobs.values().removeIf(job -> job.tick(now, platform));
            synchronized (this) {
                if (connections > 0 || !jobs.isEmpty()) {
                    idleSince = now;
                } else if (now - idleSince >= IDLE_MILLIS) {
                    server.close(); // under the lock: no order is being taken now
                    Files.deleteIfExists(socket);
                    log("no agent and no job: exiting");
                    return;
                }
            }
            Thread.sleep(TICK_MILLIS);
        }
        log("the cache's directory is gone: exiting");
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                synchronized (this) {
                    connections++;
                }
                Thread t = new Thread(() -> converse(channel), "remote-jobs-supervisor-agent");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Takes orders from one agent until it disconnects. */
    private void converse(SocketChannel channel) {
        try (channel;
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
                DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)))) {
            while (true) {
                int protocol;
                try {
                    protocol = in.readInt();
                } catch (EOFException e) {
                    return;
                }
                if (protocol != PROTOCOL) {
                    out.writeByte(REFUSED);
                    LaunchOrder.writeString(out, "the supervisor speaks protocol " + PROTOCOL + ", not " + protocol);
                    out.flush();
                    return;
                }
                String refusal = start(LaunchOrder.readFrom(in));
                if (refusal == null) {
                    out.writeByte(STARTED);
                } else {
                    out.writeByte(REFUSED);
                    LaunchOrder.writeString(out, refusal);
                }
                out.flush();
            }
        } catch (IOException e) {
            log("an agent's connection failed: " + e);
        } finally {
            synchronized (this) {
                connections--;
            }
        }
    }

    /**
     * Starts the job unless it was started before (its process file exists: this order repeats one
     * whose reply was lost); {@code null} once started, else why not.
     */
    private synchronized String start(LaunchOrder order) {
        Path processFile = Path.of(order.processFile());
        if (jobs.containsKey(order.processFile()) || Files.exists(processFile)) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(order.command())
                .directory(new File(order.directory()))
                .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(order.stdout())))
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(order.stderr())));
        pb.environment().clear();
        pb.environment().putAll(order.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return "cannot start " + order.command().get(0) + ": " + e.getMessage();
        }
        Properties record = describe(process.toHandle());
        record.putAll(self);
        try {
            AtomicFiles.writeProperties(processFile, record);
        } catch (IOException e) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return "cannot record the job's process (" + e.getMessage() + ")";
        }
        SupervisedJob job = new SupervisedJob(order, process);
        jobs.put(order.processFile(), job);
        process.onExit().thenRun(job::recordExit);
        return null;
    }

    /**
     * pid and start of a process, as {@code process.properties} holds them; a start of -1 for one
     * that has already ended (and may have been reaped, its pid free for another process).
     */
    static Properties describe(ProcessHandle h) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(h.pid()));
        java.util.Optional<ProcStat> stat = ProcStat.read(h.pid());
        java.util.Optional<Instant> start = h.info().startInstant();
        p.setProperty(
                "startMillis",
                stat.isPresent() || start.isPresent()
                        ? Long.toString(start.map(Instant::toEpochMilli).orElse(0L))
                        : "-1");
        stat.ifPresent(st -> p.setProperty("startTicks", Long.toString(st.startTicks())));
        return p;
    }

    /** This supervisor as the keeper of the jobs it starts: whoever reads their exit looks for it. */
    private static Properties identity() {
        Properties me = describe(ProcessHandle.current());
        Properties keeper = new Properties();
        me.stringPropertyNames()
                .forEach(k -> keeper.setProperty(
                        "keeper" + Character.toUpperCase(k.charAt(0)) + k.substring(1), me.getProperty(k)));
        return keeper;
    }

    /** Runs a helper and forgets it: its outcome shows in what it does (a stop that takes effect). */
    static void runQuietly(Platform.Spawn spawn) {
        ProcessBuilder pb = new ProcessBuilder(spawn.command())
                .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(spawn.environment());
        try {
            pb.start();
        } catch (IOException e) {
            log("cannot run " + spawn.command().get(0) + ": " + e.getMessage());
        }
    }

    static void log(String message) {
        log.println(Instant.now() + " " + message);
    }
}
