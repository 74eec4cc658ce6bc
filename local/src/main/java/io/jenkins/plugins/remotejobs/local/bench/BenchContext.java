package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every benchmark on the local host shares: the host (real agent JVMs), the steps as a
 * pipeline calls them, the caller, a scratch directory on the same disk as the home, and the
 * progress stream. The helpers go through {@link JobSteps}, the entry point both hosts use.
 */
final class BenchContext {

    final BenchConfig config;
    final LocalHost host;
    final JobSteps steps;
    final LocalCaller caller;
    final Path scratch;
    final Path workspace;
    private final PrintStream progress;

    BenchContext(BenchConfig config, LocalHost host, Path scratch, PrintStream progress) throws IOException {
        this.config = config;
        this.host = host;
        this.steps = host == null ? null : host.steps();
        this.scratch = Files.createDirectories(scratch);
        this.workspace = Files.createDirectories(scratch.resolve("workspace"));
        this.caller = new LocalCaller("bench", "bench", BuildLog.NONE, workspace);
        this.progress = progress;
    }

    void progress(String line) {
        progress.println("bench: " + line);
        progress.flush();
    }

    /** {@code remoteJob node: <node>, script: <script>} with optional extra arguments. */
    JobRecord start(String node, String script, Map<String, ?> extra) throws InterruptedException {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("node", node);
        args.put("script", script);
        return steps.remoteJob(args, caller);
    }

    JobRecord start(String node, String script) throws InterruptedException {
        return start(node, script, Map.of());
    }

    /** {@code waitJob jobs: [...]} by id; fails unless every job ended in {@code expected}. */
    void waitFor(List<JobRecord> jobs, JobState expected) throws InterruptedException {
        List<Long> ids = jobs.stream().map(JobRecord::id).toList();
        steps.waitJob(Map.of("jobs", ids, "timeout", 600L), caller);
        for (JobRecord job : jobs) {
            JobState state = host.manager()
                    .info(job.id())
                    .orElseThrow(() -> new IllegalStateException("job " + job.id() + " vanished"))
                    .state();
            if (state != expected) {
                throw new IllegalStateException(
                        "job " + job.id() + " (" + job.name() + ") ended " + state + ", expected " + expected + ": "
                                + host.manager().info(job.id()).orElseThrow().reason());
            }
        }
    }

    /** {@code receiveJob id: <id>} as text. */
    String receiveText(JobRecord job) throws InterruptedException {
        return (String) steps.receiveJob(Map.of("id", job.id(), "quiet", true), caller);
    }

    /** {@code receiveJob id: <id>, file: <file>}; returns the bytes written. */
    long receiveFile(JobRecord job, String file, boolean keep) throws InterruptedException {
        Object bytes = steps.receiveJob(Map.of("id", job.id(), "file", file, "keep", keep, "quiet", true), caller);
        return ((Number) bytes).longValue();
    }

    void remove(JobRecord job) {
        steps.removeJob(Map.of("id", job.id(), "force", true), caller);
    }

    List<String> nodes() {
        return host.agents().nodes();
    }
}
