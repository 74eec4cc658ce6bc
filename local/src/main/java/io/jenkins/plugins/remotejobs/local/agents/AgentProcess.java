package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.local.transport.RemoteAgentClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One started agent JVM: its process, the pipe to its standard input (which keeps it alive), and
 * the client it offers once ready. One daemon thread per process reads its standard output: first
 * for the ready line, then to drain whatever else the JVM might print there.
 */
public final class AgentProcess {

    private static final System.Logger LOG = System.getLogger(AgentProcess.class.getName());
    private static final int TAIL_LINES = 20;

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Path logFile;
    private final CompletableFuture<RemoteAgentClient> ready = new CompletableFuture<>();

    private AgentProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.logFile = logFile;
    }

    static AgentProcess started(String name, Process process, AgentSecret secret, Path logFile, Duration timeout) {
        AgentProcess agent = new AgentProcess(name, process, logFile);
        try {
            agent.stdin.write((secret.encoded() + "\n").getBytes(StandardCharsets.US_ASCII));
            agent.stdin.flush();
        } catch (IOException e) {
            // The agent is already gone; the output reader reports why, with its log.
        }
        Thread reader = new Thread(() -> agent.readOutput(secret), "remote-jobs " + name + " output");
        reader.setDaemon(true);
        reader.start();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> agent.fail("did not report ready within " + timeout.toSeconds() + " s"));
        return agent;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes once the process has exited. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Completes with a client once the agent is ready, or with the reason it never will be. */
    public CompletableFuture<RemoteAgentClient> ready() {
        return ready.copy();
    }

    /** Waits for {@link #ready()}; the error names the agent and quotes the end of its log. */
    public RemoteAgentClient awaitReady() throws IOException, InterruptedException {
        try {
            return ready.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Asks the agent to stop by closing its standard input; returns at once. */
    public void requestStop() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the pipe is already broken: the agent is gone or going
        }
    }

    /**
     * Stops the agent: closes its standard input, waits {@code grace} for it to exit, then
     * terminates it, then kills it. Returns once it has exited or could not be killed.
     */
    public void stop(Duration grace) throws InterruptedException {
        requestStop();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        ready.completeExceptionally(new IOException(name + " was stopped"));
    }

    /** Kills the process at once (SIGKILL where there is one). */
    public void kill() {
        process.destroyForcibly();
    }

    public Path logFile() {
        return logFile;
    }

    private void readOutput(AgentSecret secret) {
        Deque<String> early = new ArrayDeque<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (ready.isDone()) {
                    LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", name, line);
                } else if (ReadyLine.isReadyLine(line)) {
                    connect(line, secret);
                } else if (early.size() < TAIL_LINES) {
                    early.add(line);
                }
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone, which the lines below report.
        }
        if (!ready.isDone()) {
            fail("exited before it was ready (" + exitDescription() + ")"
                    + (early.isEmpty() ? "" : "; it printed:\n  " + String.join("\n  ", early)));
        }
    }

    private void connect(String line, AgentSecret secret) {
        try {
            ready.complete(RemoteAgentClient.connect(name, ReadyLine.parse(line).stub(), secret));
        } catch (IOException | IllegalArgumentException e) {
            fail("could not be reached after it reported ready: " + e.getMessage());
        }
    }

    private void fail(String reason) {
        if (ready.completeExceptionally(new IOException(name + " did not start: " + reason + logTail()))) {
            process.destroyForcibly();
        }
    }

    private String exitDescription() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    /** The last lines of the agent's log, for error messages. */
    String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 8192);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(0, lines.length - TAIL_LINES);
            StringBuilder b =
                    new StringBuilder("\nlast lines of ").append(logFile).append(':');
            for (int i = from; i < lines.length; i++) {
                b.append("\n  ").append(lines[i]);
            }
            return b.toString();
        } catch (IOException e) {
            return "\n(its log " + logFile + " cannot be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "AgentProcess[" + name + ", pid " + process.pid() + "]";
    }
}
