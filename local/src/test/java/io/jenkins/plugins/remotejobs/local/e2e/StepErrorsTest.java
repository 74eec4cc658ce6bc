package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.steps.StepNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * User mistakes: each fails the script with one message that names what is wrong and what is
 * allowed, and a failing call starts nothing (the job table and the agents' caches are unchanged).
 */
class StepErrorsTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    /** Runs a script that must fail and start nothing; returns its message. */
    static String failsStartingNothing(String script) {
        List<String> table = jobs();
        List<Path> caches = cacheEntries();
        String failure = local.scripts().run(script).failed();
        assertThat(jobs()).as("job table after: %s", script).isEqualTo(table);
        assertThat(cacheEntries()).as("agent caches after: %s", script).isEqualTo(caches);
        return failure;
    }

    /** Every job of the table, by id and instance id. */
    static List<String> jobs() {
        return local.scripts().table().stream()
                .map(j -> j.id() + " " + j.instanceId())
                .toList();
    }

    static List<Path> cacheEntries() {
        try (Stream<Path> a = Files.list(local.host().home().resolve("agents/agent-1/cache"));
                Stream<Path> b = Files.list(local.host().home().resolve("agents/agent-2/cache"))) {
            return Stream.concat(a, b).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "remoteJob node: 'agent-1', scirpt: 'echo x'  | remoteJob  | scirpt | script",
                "getJob nmae: 'x'                             | getJob     | nmae   |",
                "receiveJob id: 1, kep: true                  | receiveJob | kep    | keep",
                "waitJob jobs: [1], forse: true               | waitJob    | forse  | force",
                "stopJob jb: 1                                | stopJob    | jb     | job",
                "removeJob id: 1, froce: true                 | removeJob  | froce  | force"
            })
    void anUnknownArgumentIsNamedWithTheAllowedOnes(String script, String step, String argument, String meant) {
        assertThat(failsStartingNothing(script))
                .isEqualTo(step + ": unknown argument '" + argument + "'"
                        + (meant == null ? "" : " (did you mean '" + meant + "'?)") + ". Allowed: "
                        + String.join(", ", StepNames.argumentsOf(step)));
    }

    @Test
    void aWronglyTypedArgumentIsNamedWithWhatItMustBe() {
        assertThat(failsStartingNothing("remoteJob node: 'agent-1', script: 'echo x', timeout: 'soon'"))
                .isEqualTo("remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got"
                        + " 'soon' (a String)");
        assertThat(failsStartingNothing("remoteJob node: 'agent-1', script: 'echo x', keepOnAgent: 'yes'"))
                .isEqualTo("remoteJob: argument 'keepOnAgent' must be true or false, got 'yes' (a String)");
        assertThat(failsStartingNothing("remoteJob node: 'agent-1', script: 'echo x', dir: 'relative/dir'"))
                .startsWith("remoteJob: argument 'dir' must be an absolute directory path on the agent");
        assertThat(failsStartingNothing("getJob state: 'Done'"))
                .isEqualTo("getJob: argument 'state' must be one of NotStarted, Running, Completed, Failed, Stopped,"
                        + " Disconnected, Lost, got 'Done'");
        assertThat(failsStartingNothing("receiveJob id: 1, stream: 'stdin'"))
                .isEqualTo("receiveJob: argument 'stream' must be one of stdout, stderr, both, got 'stdin'");
        assertThat(failsStartingNothing("waitJob jobs: []"))
                .isEqualTo("waitJob: argument 'jobs' must be a non-empty List of job handles or job ids, such as jobs:"
                        + " [j], got an empty List");
    }

    @Test
    void anEnvironmentEntryWithoutAValueIsRefusedWithoutShowingIt() {
        assertThat(failsStartingNothing("remoteJob node: 'agent-1', script: 'true', env: ['HUNTER2-PASSWORD']"))
                .isEqualTo("remoteJob: argument 'env[0]' must be a 'NAME=value' string, got text without '='");
    }

    @Test
    void argumentsThatOnlyWorkTogetherAreRefusedAlone() {
        assertThat(failsStartingNothing("remoteJob script: 'echo x'"))
                .isEqualTo("remoteJob: give exactly one of 'node', 'nodes' or 'label', got none of them");
        assertThat(failsStartingNothing("remoteJob node: 'agent-1', label: 'local', script: 'echo x'"))
                .isEqualTo("remoteJob: give exactly one of 'node', 'nodes' or 'label', got 'node' and 'label'");
        assertThat(failsStartingNothing("receiveJob id: 1, autoRemove: true"))
                .startsWith("receiveJob: argument 'autoRemove' applies only with wait: true");
        assertThat(failsStartingNothing("receiveJob id: 1, timeout: 5"))
                .startsWith("receiveJob: argument 'timeout' applies only with wait: true");
    }

    @Test
    void aFileOutsideTheWorkspaceIsRefused() {
        assertThat(failsStartingNothing("receiveJob id: 1, file: '../escape.txt'"))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..',"
                        + " got '../escape.txt'");
        assertThat(failsStartingNothing("receiveJob id: 1, file: '/etc/passwd'"))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..',"
                        + " got '/etc/passwd'");
    }

    @Test
    void anUnknownNodeOrALabelThatMatchesNothingNamesTheKnownNodes() {
        assertThat(failsStartingNothing("remoteJob node: 'agent-9', script: 'echo x'"))
                .isEqualTo("remoteJob: unknown node 'agent-9'; known nodes: agent-1, agent-2");
        // One bad node among good ones starts none of them.
        assertThat(failsStartingNothing("remoteJob nodes: ['agent-1', 'agent-9'], script: 'echo x'"))
                .isEqualTo("remoteJob: unknown node 'agent-9'; known nodes: agent-1, agent-2");
        assertThat(failsStartingNothing("remoteJob label: 'windows', script: 'echo x'"))
                .isEqualTo("remoteJob: label 'windows' matches no node; nodes: agent-1, agent-2");
        assertThat(failsStartingNothing("getJob node: 'agent-9'"))
                .isEqualTo("getJob: unknown node 'agent-9'; known nodes: agent-1, agent-2");
    }

    @Test
    void anUnknownStepNamesTheStepsOnOffer() {
        assertThat(failsStartingNothing("sh 'make'"))
                .isEqualTo("unknown step 'sh'; this runner offers remoteJob, getJob, receiveJob, waitJob, stopJob,"
                        + " removeJob, echo, sleep, error, stage, node");
    }

    @Test
    void aJobThatDoesNotExistIsNamedAsSuch() {
        assertThat(failsStartingNothing("receiveJob id: 99999")).isEqualTo("receiveJob: no job with id 99999");
        assertThat(failsStartingNothing("stopJob name: 'no-such-job'"))
                .isEqualTo("stopJob: no job named 'no-such-job'");
    }

    @Test
    void removingARunningJobWithoutForceIsRefusedAndSaysStopJobOrForce() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'sleep 300', name: 'still-running'
                echo "id=${j.id}"
                removeJob job: j
                """);

        assertThat(r.failed())
                .isEqualTo("removeJob: job " + r.value("id")
                        + " ('still-running') is Running; stop it first with stopJob, or pass force: true");
        assertThat(local.scripts().info(r.id("id")).state().label()).isEqualTo("Running");
        local.scripts().run("stopJob id: " + r.value("id")).ok();
    }

    @Test
    void receivingARemovedJobSaysItNoLongerExists() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'echo gone'
                waitJob jobs: [j]
                echo "iid=${j.instanceId}"
                removeJob job: j
                receiveJob job: j
                """);

        assertThat(r.failed())
                .isEqualTo("receiveJob: the job of this handle (instance " + r.value("iid")
                        + ") no longer exists: it was removed");
    }

    @Test
    void theGettersOfARemovedJobsHandleSayItWasRemoved() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'true'
                waitJob jobs: [j]
                echo "id=${j.id}"
                removeJob job: j
                echo "state=${j.state}"
                """);

        assertThat(r.failed()).isEqualTo("job " + r.value("id") + " was removed; its handle is stale");
    }
}
