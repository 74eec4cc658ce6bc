package io.jenkins.plugins.remotejobs.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runner itself: the Pipeline steps it offers besides the six job steps, and how it reports a
 * script that is wrong (one message, no stack trace).
 */
class ScriptRunnerTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    @Test
    void echoStageAndSleepWorkAsInAPipeline() {
        var r = local.scripts().run("""
                stage('first') {
                    echo 'inside a stage'
                    sleep 0
                    sleep time: 1, unit: 'MILLISECONDS'
                }
                echo "stage returns its body's value: ${stage('second') { 42 }}"
                """).ok();

        assertThat(r.log())
                .isEqualTo("[stage] first\ninside a stage\n[stage] second\nstage returns its body's value: 42\n");
    }

    @Test
    void errorFailsTheScriptWithItsMessage() {
        var r = local.scripts().run("echo 'before'\nerror 'something is wrong'\necho 'after'");

        assertThat(r.failed()).isEqualTo("something is wrong");
        assertThat(r.log()).isEqualTo("before\n");
    }

    @Test
    void nodeScopesTheWorkspaceToThatAgentAndWithoutANameToTheFirst() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', keepOnAgent: true, script: 'echo scoped'
                waitJob jobs: [j]
                node('agent-2') { receiveJob job: j, keep: true, file: 'named.txt', quiet: true }
                node { receiveJob job: j, keep: true, file: 'first.txt', quiet: true }
                receiveJob job: j, file: 'outside.txt', quiet: true
                """).ok();

        assertThat(r.log()).isEmpty();
        assertThat(local.host().home().resolve("agents/agent-2/workspace/named.txt"))
                .hasContent("scoped");
        assertThat(local.host().home().resolve("agents/agent-1/workspace/first.txt"))
                .hasContent("scoped");
        assertThat(local.scripts().workingDirectory().resolve("outside.txt")).hasContent("scoped");
    }

    @Test
    void anUnknownNodeInNodeNamesTheKnownNodes() {
        assertThat(local.scripts().run("node('agent-9') { echo 'never' }").failed())
                .isEqualTo("node: unknown node 'agent-9'; known nodes: agent-1, agent-2");
    }

    @Test
    void anUnknownStepNamesTheStepsOnOffer() {
        assertThat(local.scripts().run("sh 'make test'").failed())
                .isEqualTo("unknown step 'sh'; this runner offers remoteJob, getJob, receiveJob, waitJob, stopJob,"
                        + " removeJob, echo, sleep, error, stage, node");
    }

    @Test
    void aStepOnOfferCalledWithArgumentsItDoesNotTakeSaysHowToCallIt() {
        assertThat(local.scripts().run("sleep 'soon'").failed())
                .isEqualTo("sleep: cannot be called with (String); usage: sleep 5 (seconds), or sleep time: 500,"
                        + " unit: 'MILLISECONDS'");
        assertThat(local.scripts().run("getJob 3").failed())
                .isEqualTo("getJob: cannot be called with (Integer); usage: getJob takes named arguments only (getJob"
                        + " name: value, ...), from: id, name, state, node, all, includeChildJobs, quiet");
        assertThat(local.scripts().run("sleep time: 1, unit: 'FORTNIGHTS'").failed())
                .startsWith("sleep: unknown unit 'FORTNIGHTS'; allowed: [NANOSECONDS, ");
    }

    @Test
    void aScriptThatDoesNotCompileSaysWhereWithoutAStackTrace() {
        String failure = local.scripts().run("def x = \n").failed();

        assertThat(failure).contains("does not compile").contains("@ line 2, column 1");
        assertThat(failure).doesNotContain("\tat ");
    }

    @Test
    void aGroovyErrorInTheScriptIsReportedWithoutAStackTrace() {
        String failure =
                local.scripts().run("echo 'fine'\necho undefinedVariable").failed();

        assertThat(failure)
                .isEqualTo("line 2: no variable named 'undefinedVariable' (a text needs quotes:"
                        + " 'undefinedVariable')");
        String npe = local.scripts().run("def x = null\necho x.length()").failed();
        assertThat(npe).startsWith("the script failed at line 2: ").doesNotContain("\tat ");
    }

    @Test
    void aStepUsedAsAVariableSaysHowToCallIt() {
        // Groovy reads `sleep -1` as "sleep minus 1".
        assertThat(local.scripts().run("sleep -1").failed())
                .isEqualTo("line 1: 'sleep' is a step, not a variable (`sleep -1` reads as sleep minus 1); usage:"
                        + " sleep 5 (seconds), or sleep time: 500, unit: 'MILLISECONDS'");
    }

    @Test
    void aNegativeSleepIsAnError() {
        assertThat(local.scripts().run("sleep(-1)").failed()).isEqualTo("sleep: the time must be 0 or more, got -1");
        assertThat(local.scripts().run("sleep time: -5, unit: 'MILLISECONDS'").failed())
                .isEqualTo("sleep: the time must be 0 or more, got -5");
    }

    @Test
    void aScriptThatIsNotUtf8SaysWhereAndWhatToDo() throws IOException {
        Path latin1 = local.scratch().resolve("latin1.Jenkinsfile");
        Files.write(latin1, "echo 'ok'\necho 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(local.scripts().runFile(latin1).failed())
                .isEqualTo("cannot read " + latin1 + ": line 2 is not UTF-8 (byte 0xE9); save the script as UTF-8");
    }
}
