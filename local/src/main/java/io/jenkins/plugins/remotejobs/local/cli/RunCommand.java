package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.runner.ScriptRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code remote-jobs run SCRIPT}: runs a Jenkinsfile against local agent JVMs. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a Jenkinsfile-syntax script against local agent JVMs.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the Jenkinsfile to run")
    Path script;

    @Option(
            names = "--agents",
            paramLabel = "N",
            defaultValue = "2",
            description = "agent JVMs to start (default: ${DEFAULT-VALUE})")
    int agents;

    @Mixin
    HostOptions host;

    @Option(
            names = "--reconnect-grace",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "how long an agent may be away before waits give up on its jobs and starts on it fail"
                    + " (default: ${DEFAULT-VALUE})")
    long reconnectGraceSeconds;

    @Option(
            names = "--spool-quota",
            paramLabel = "MIB",
            defaultValue = "16384",
            description = "most output the controller keeps for all controller-mode jobs together; at it, collection"
                    + " pauses and output waits on the agents; 0 for no limit (default: ${DEFAULT-VALUE})")
    long spoolQuotaMiB;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (agents < 1 || agents > 64) {
            err.println("ERROR: --agents must be from 1 to 64, got " + agents);
            return 2;
        }
        if (reconnectGraceSeconds < 0 || reconnectGraceSeconds > 86_400) {
            err.println("ERROR: --reconnect-grace must be from 0 to 86400 seconds, got " + reconnectGraceSeconds);
            return 2;
        }
        if (spoolQuotaMiB < 0 || spoolQuotaMiB > 1L << 30) {
            err.println("ERROR: --spool-quota must be from 0 (no limit) to 1073741824 MiB, got " + spoolQuotaMiB);
            return 2;
        }
        if (Files.isDirectory(script)) {
            err.println("ERROR: " + script + " is a directory, not a script");
            return 2;
        }
        if (!Files.isRegularFile(script)) {
            err.println("ERROR: no such script: " + script);
            return 2;
        }
        String hostProblem = host.problem();
        if (hostProblem != null) {
            err.println("ERROR: " + hostProblem);
            return 2;
        }
        host.applyLauncher();
        BuildLog log = text -> {
            out.print(text);
            out.flush();
        };
        try (LocalHost local = LocalHost.start(
                host.home,
                agents,
                host.limits(Limits.defaults())
                        .withReconnectGrace(Duration.ofSeconds(reconnectGraceSeconds))
                        .withSpoolQuota(spoolQuotaMiB << 20))) {
            host.rememberRetention(local.home());
            String build = local.nextBuild();
            new ScriptRunner(local.steps(), local.agents(), log, Path.of("").toAbsolutePath()).run(script, build);
            return 0;
        } catch (ScriptRunner.ScriptFailure e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        }
    }
}
