package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.local.transport.AgentServer;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of a local agent JVM. Command line: {@code --name agent-1 --home <abs> --root <abs>}.
 *
 * <p>Life cycle: reads the run's secret from the first line of standard input, opens the job cache
 * at {@code --root}, exports it on 127.0.0.1 and prints one {@link ReadyLine} on standard output.
 * From then on standard output is redirected to standard error, the agent's log. It serves until
 * standard input reaches its end, which happens when the controller closes it or dies in any way
 * (even {@code kill -9}); then it stops serving, closes the cache and exits.
 *
 * <p>Exit codes: 0 after a normal stop, 1 when the cache cannot be opened or exported, 2 for a bad
 * command line or a missing secret.
 */
public final class AgentMain {

    private static final int MAX_SECRET_LINE = 512;
    /** How long closing the cache may take before the JVM halts anyway, so no orphan keeps the cache's lock. */
    private static final long SHUTDOWN_WATCHDOG_MILLIS = 20_000;

    private AgentMain() {}

    /** Opens the job cache an agent serves; the one place that decides which implementation that is. */
    @FunctionalInterface
    public interface CacheOpener {
        AgentProtocol open(Path root) throws IOException;
    }

    public static void main(String[] args) {
        serve(args, AgentMain::openCache);
    }

    /**
     * Runs an agent serving the cache {@code opener} opens, until its standard input ends, then
     * exits the JVM with the exit code. Public so that tests and embedders can serve another
     * {@link AgentProtocol} exactly as {@link #main} does.
     */
    public static void serve(String[] args, CacheOpener opener) {
        int code;
        try {
            code = run(args, opener);
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        // RMI leaves non-daemon threads behind; only an explicit exit ends the JVM.
        System.exit(code);
    }

    private static AgentProtocol openCache(Path root) throws IOException {
        return JobCache.open(root);
    }

    private static int run(String[] args, CacheOpener opener) throws IOException {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("remote-jobs agent: " + e.getMessage());
            System.err.println(AgentOptions.USAGE);
            return 2;
        }
        String name = options.name();
        // The stub advertises this host; the socket itself is bound to loopback by the transport.
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");

        String line;
        try {
            line = readLine(System.in);
        } catch (IOException e) {
            log(name, "cannot read the secret: " + e.getMessage());
            return 2;
        }
        if (line == null) {
            log(name, "no secret on standard input; exiting");
            return 2;
        }
        AgentSecret secret;
        try {
            secret = AgentSecret.fromEncoded(line);
        } catch (IllegalArgumentException e) {
            log(name, "bad secret on standard input: " + e.getMessage());
            return 2;
        }

        AgentProtocol cache;
        try {
            cache = opener.open(options.root());
        } catch (IOException e) {
            log(name, "cannot open the job cache at " + options.root() + ": " + e.getMessage());
            return 1;
        }
        AgentServer server;
        try {
            server = AgentServer.export(cache, secret, name);
        } catch (IOException e) {
            log(name, "cannot serve the job cache: " + e.getMessage());
            closeCache(name, cache);
            return 1;
        }
        System.out.println(new ReadyLine(server.port(), server.encodedStub()).format());
        System.out.flush();
        // Stray prints from here on go to the log instead of filling the controller's pipe.
        System.setOut(System.err);
        log(name, "serving " + options.root() + " on 127.0.0.1:" + server.port());

        System.in.transferTo(OutputStream.nullOutputStream());

        log(name, "the controller went away (standard input closed); stopping");
        startWatchdog();
        server.close();
        closeCache(name, cache);
        return 0;
    }

    /** The first line, without its end; {@code null} at end of input. Bounded, so junk cannot exhaust memory. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() >= MAX_SECRET_LINE) {
                throw new IOException("the first line of standard input is longer than " + MAX_SECRET_LINE);
            }
            line.write(b);
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void closeCache(String name, AgentProtocol cache) {
        if (cache instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log(name, "closing the job cache failed: " + e);
            }
        }
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(SHUTDOWN_WATCHDOG_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("remote-jobs agent: shutdown took too long; halting");
                    Runtime.getRuntime().halt(3);
                },
                "remote-jobs shutdown watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void log(String name, String message) {
        System.err.println("remote-jobs " + name + ": " + message);
    }
}
