package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.agent.JobCache;
import io.jenkins.plugins.remotejobs.local.cli.Main;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code remote-jobs run SCRIPT --home HOME} in a JVM of its own (this test's class path), the
 * controller a user runs, so that a test can {@code kill -9} it. Its output lines are collected as
 * they come.
 */
final class CliRun {

    final Process process;
    final List<String> stdout = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> stderr;

    private CliRun(Process process) {
        this.process = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            stdout.add(line);
                        }
                    } catch (IOException e) {
                        // the process died: what was read is all there is
                    }
                },
                "cli stdout");
        reader.setDaemon(true);
        reader.start();
        this.stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Starts {@code remote-jobs run script --home home --agents 2} in {@code cwd}. */
    static CliRun start(Path script, Path home, Path cwd) {
        return start(script, home, cwd, Map.of());
    }

    /**
     * Starts {@code remote-jobs run script --home home --agents 2} in {@code cwd}, with {@code
     * environment} added to this JVM's environment (its agent JVMs inherit it).
     */
    static CliRun start(Path script, Path home, Path cwd, Map<String, String> environment) {
        List<String> command = TestJvm.command(
                List.of(
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        // the launcher this test run is set to, else the platform's own
                        "-D" + JobCache.LAUNCHER_PROPERTY + "=" + System.getProperty(JobCache.LAUNCHER_PROPERTY, "")),
                Main.class,
                "run",
                script.toString(),
                "--home",
                home.toString(),
                "--agents",
                "2");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Files.createDirectories(cwd).toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new CliRun(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of the last {@code key=value} line so far, or null. */
    String value(String key) {
        String found = null;
        for (String line : stdout) {
            if (line.startsWith(key + "=")) {
                found = line.substring(key.length() + 1);
            }
        }
        return found;
    }

    String stderr() {
        return stderr.getNow("(still running)");
    }

    String describe() {
        return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr();
    }
}
