package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobInfo;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.runner.ScriptRunner;
import io.jenkins.plugins.remotejobs.local.runner.ScriptRunner.ScriptFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Jenkinsfile text through the real {@link ScriptRunner} against a {@link LocalHost}, the way
 * {@code ./remote-jobs run} does, and hands back what a user would see: the log, and either success
 * or the failure message. Scripts are written outside the host's home, so nothing a test asserts
 * about the home is disturbed by them. Scripts report values to the test with {@code echo "key=value"}
 * lines, read back with {@link Result#value}.
 */
public final class ScriptFixture {

    private static final Pattern VALUE = Pattern.compile("^([A-Za-z0-9_.-]+)=(.*)$", Pattern.MULTILINE);

    private final LocalHost host;
    private final Path workingDirectory;
    private final Path scripts;
    private final AtomicInteger count = new AtomicInteger();

    /** A fixture whose runs start in {@code scratch/work} and keep their scripts in {@code scratch/scripts}. */
    public ScriptFixture(LocalHost host, Path scratch) {
        this.host = host;
        try {
            this.workingDirectory = Files.createDirectories(scratch.resolve("work"));
            this.scripts = Files.createDirectories(scratch.resolve("scripts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalHost host() {
        return host;
    }

    /** The directory runs start in: the workspace of {@code receiveJob file:} outside {@code node { }}. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Runs the script as a new build of the host ({@code run-N}). */
    public Result run(String script) {
        try {
            return run(host.nextBuild(), script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script as build {@code build}, so that several runs can share or separate their jobs. */
    public Result run(String build, String script) {
        Path file = scripts.resolve("script" + count.incrementAndGet() + ".Jenkinsfile");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runFile(build, file);
    }

    /** Runs a script file as it is, as a new build of the host. */
    public Result runFile(Path file) {
        try {
            return runFile(host.nextBuild(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result runFile(String build, Path file) {
        StringBuffer log = new StringBuffer();
        BuildLog buildLog = log::append;
        try {
            new ScriptRunner(host.steps(), host.agents(), buildLog, workingDirectory).run(file, build);
            return new Result(build, log.toString(), null);
        } catch (ScriptFailure e) {
            return new Result(build, log.toString(), e.getMessage());
        }
    }

    /** Runs the script on a thread of its own, for tests that act while it runs. */
    public CompletableFuture<Result> start(String script) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        result.complete(run(script));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "script " + count.get());
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** The job table's row for job {@code id}, as {@code getJob} and the handles show it. */
    public JobInfo info(long id) {
        return host.manager().info(id).orElseThrow(() -> new AssertionError("no job " + id + " in the table"));
    }

    /**
     * Stops every job of the table that has not finished, so that no detached job outlives the
     * test that started it. Jobs are detached from the agents on purpose: closing the host alone
     * would leave them running.
     */
    public void stopEverything() {
        for (JobRecord r : table()) {
            if (r.parentId() == 0
                    && host.manager()
                            .info(r.id())
                            .map(i -> !i.state().isFinished())
                            .orElse(false)) {
                try {
                    host.manager().control().stop(r);
                } catch (RuntimeException e) {
                    // an agent that is restarting: nothing more a test can do here
                }
            }
        }
    }

    /** Every record in the job table (children included). */
    public List<JobRecord> table() {
        return host.manager().table().all();
    }

    /**
     * What one run of a script produced.
     *
     * @param build the build the run was recorded under
     * @param log everything the script printed (echo, job tables, received output)
     * @param failure the {@code ScriptFailure} message, {@code null} when the script succeeded
     */
    public record Result(String build, String log, String failure) {

        public boolean succeeded() {
            return failure == null;
        }

        /** Asserts that the script succeeded, showing the log and the failure when it did not. */
        public Result ok() {
            assertThat(failure).as("script failure; the log was:%n%s", log).isNull();
            return this;
        }

        /** Asserts that the script failed and returns its message. */
        public String failed() {
            assertThat(failure)
                    .as("the script should have failed; the log was:%n%s", log)
                    .isNotNull();
            return failure;
        }

        /** The value of the last {@code key=value} line in the log. */
        public String value(String key) {
            List<String> all = values(key);
            assertThat(all).as("a line %s=... in the log:%n%s", key, log).isNotEmpty();
            return all.get(all.size() - 1);
        }

        public long id(String key) {
            return Long.parseLong(value(key));
        }

        /** The values of every {@code key=value} line in the log, in order. */
        public List<String> values(String key) {
            List<String> out = new ArrayList<>();
            Matcher m = VALUE.matcher(log);
            while (m.find()) {
                if (m.group(1).equals(key)) {
                    out.add(m.group(2));
                }
            }
            return out;
        }
    }
}
