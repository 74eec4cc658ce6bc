package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.local.e2e.AgentFaults;
import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R7, environment: the local host's CLI runs with Jenkins' kill cookies in its environment, as a
 * controller or agent that Jenkins launched would ({@code HUDSON_COOKIE}, {@code
 * JENKINS_NODE_COOKIE}, {@code JENKINS_SERVER_COOKIE}, {@code HUDSON_SERVER_COOKIE}), plus an
 * ordinary variable. Its agent JVMs inherit all of them (checked in their {@code /proc} environment);
 * a job that prints {@code env} shows the ordinary variable and none of the cookies, so Jenkins'
 * process-tree killing cannot find it.
 */
class JobsCarryNoKillCookiesTest {

    static final List<String> COOKIES =
            List.of("HUDSON_COOKIE", "JENKINS_NODE_COOKIE", "JENKINS_SERVER_COOKIE", "HUDSON_SERVER_COOKIE");

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    @Test
    void aJobStartedByAControllerWhoseEnvironmentHasJenkinsKillCookiesCarriesNone() throws Exception {
        assumeThat(ProcessTable.available()).as("Linux /proc").isTrue();
        long began = System.nanoTime();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String cookie : COOKIES) {
            environment.put(cookie, "r7-" + cookie.toLowerCase() + "-4711");
        }
        environment.put("REMOTE_JOBS_R7_PLAIN", "plain-value-42");
        Path home = local.home();
        Path gate = local.scratch().resolve("gate");
        Path script = Files.writeString(local.scratch().resolve("env.Jenkinsfile"), """
                def j = remoteJob node: 'agent-1', name: 'r7-env', script: "env | sed 's/^/JOBENV /'"
                echo "ended=${waitJob(jobs: [j], timeout: 120).size()}"
                echo "state=${j.state}"
                receiveJob job: j
                echo 'received=yes'
                while (!new File('%s').exists()) { sleep time: 20, unit: 'MILLISECONDS' }
                """.formatted(gate));

        CliRun cli = CliRun.start(script, home, local.scratch().resolve("cwd"), environment);
        Map<String, String> agentEnvironment;
        int agents;
        try {
            await().atMost(AgentFaults.LONG).until(() -> cli.value("received") != null || !cli.process.isAlive());
            assertThat(cli.value("received")).as(cli::describe).isEqualTo("yes");
            // While the run goes on, its agents are there to look at.
            List<ProcessHandle> agentJvms = ControllerKilledDuringCollectionTest.agentsOf(home);
            agents = agentJvms.size();
            assertThat(agentJvms).as("agent JVMs of the run").isNotEmpty();
            agentEnvironment = environmentOf(agentJvms.get(0).pid());
        } finally {
            Files.createFile(gate);
            if (!cli.process.waitFor(120, TimeUnit.SECONDS)) {
                cli.process.destroyForcibly();
            }
        }
        assertThat(cli.process.exitValue()).as(cli::describe).isZero();

        Map<String, String> jobEnvironment = new LinkedHashMap<>();
        for (String line : cli.stdout) {
            if (line.startsWith("JOBENV ")) {
                String kv = line.substring("JOBENV ".length());
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    jobEnvironment.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        List<String> leaked =
                COOKIES.stream().filter(jobEnvironment::containsKey).toList();
        List<String> leakedValues = jobEnvironment.values().stream()
                .filter(v -> v.startsWith("r7-") && v.endsWith("-4711"))
                .toList();
        Figures.of("R7-env")
                .put("cookies", COOKIES.size())
                .put("agents", agents)
                .put(
                        "cookiesInAgent",
                        COOKIES.stream().filter(agentEnvironment::containsKey).count())
                .put("jobVariables", jobEnvironment.size())
                .put("cookiesInJob", leaked.size())
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(cli.value("state")).isEqualTo("Completed");
        assertThat(agentEnvironment)
                .as("the agent JVM's environment: it inherited the cookies, so stripping them is the job's doing")
                .containsAllEntriesOf(environment);
        assertThat(jobEnvironment)
                .as("the job's environment, as its env printed it:%n%s", cli.describe())
                .containsEntry("REMOTE_JOBS_R7_PLAIN", "plain-value-42");
        assertThat(leaked).as("kill cookies in the job's environment").isEmpty();
        assertThat(leakedValues).as("cookie values under another name").isEmpty();
    }

    /** A process's environment as Linux shows it in {@code /proc/PID/environ}. */
    static Map<String, String> environmentOf(long pid) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        String all =
                new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        for (String kv : all.split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }
}
