package io.jenkins.plugins.remotejobs.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner itself: the Pipeline steps it offers besides the six job steps, and how it reports a
 * script that is wrong (one message, no stack trace).
 */
class ScriptRunnerTest {

    @TempDir
    static Path tmp;

    static LocalHost host;
    static ScriptFixture scripts;

    @BeforeAll
    static void startHost() throws IOException {
        host = LocalHost.start(tmp.resolve("home"), 2, Limits.defaults());
        scripts = new ScriptFixture(host, tmp);
    }

    @AfterAll
    static void stopHost() throws IOException {
        host.close();
    }

    @Test
    void echoStageAndSleepWorkAsInAPipeline() {
        var r = scripts.run("""
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
        var r = scripts.run("echo 'before'\nerror 'something is wrong'\necho 'after'");

        assertThat(r.failed()).isEqualTo("something is wrong");
        assertThat(r.log()).isEqualTo("before\n");
    }

    @Test
    void nodeScopesTheWorkspaceToThatAgentAndWithoutANameToTheFirst() {
        var r = scripts.run("""
                def j = remoteJob node: 'agent-2', keepOnAgent: true, script: 'echo scoped'
                waitJob jobs: [j]
                node('agent-2') { receiveJob job: j, keep: true, file: 'named.txt', quiet: true }
                node { receiveJob job: j, keep: true, file: 'first.txt', quiet: true }
                receiveJob job: j, file: 'outside.txt', quiet: true
                """).ok();

        assertThat(r.log()).isEmpty();
        assertThat(host.home().resolve("agents/agent-2/workspace/named.txt")).hasContent("scoped");
        assertThat(host.home().resolve("agents/agent-1/workspace/first.txt")).hasContent("scoped");
        assertThat(scripts.workingDirectory().resolve("outside.txt")).hasContent("scoped");
    }

    @Test
    void anUnknownNodeInNodeNamesTheKnownNodes() {
        assertThat(scripts.run("node('agent-9') { echo 'never' }").failed())
                .isEqualTo("node: unknown node 'agent-9'; known nodes: agent-1, agent-2");
    }

    @Test
    void anUnknownStepNamesTheStepsOnOffer() {
        assertThat(scripts.run("sh 'make test'").failed())
                .isEqualTo("unknown step 'sh'; this runner offers remoteJob, getJob, receiveJob, waitJob, stopJob,"
                        + " removeJob, echo, sleep, error, stage, node");
    }

    @Test
    void aStepOnOfferCalledWithArgumentsItDoesNotTakeSaysHowToCallIt() {
        assertThat(scripts.run("sleep 'soon'").failed())
                .isEqualTo("sleep: cannot be called with (String); usage: sleep 5 (seconds), or sleep time: 500,"
                        + " unit: 'MILLISECONDS'");
        assertThat(scripts.run("getJob 3").failed())
                .isEqualTo("getJob: cannot be called with (Integer); usage: getJob takes named arguments only (getJob"
                        + " name: value, ...), from: id, name, state, node, all, includeChildJobs, quiet");
        assertThat(scripts.run("sleep time: 1, unit: 'FORTNIGHTS'").failed())
                .startsWith("sleep: unknown unit 'FORTNIGHTS'; allowed: [NANOSECONDS, ");
    }

    @Test
    void aScriptThatDoesNotCompileSaysWhereWithoutAStackTrace() {
        String failure = scripts.run("def x = \n").failed();

        assertThat(failure).contains("does not compile").contains("@ line 2, column 1");
        assertThat(failure).doesNotContain("\tat ");
    }

    @Test
    void aGroovyErrorInTheScriptIsReportedWithoutAStackTrace() {
        String failure = scripts.run("echo undefinedVariable").failed();

        assertThat(failure).startsWith("the script failed: ").contains("No such property: undefinedVariable");
        assertThat(failure).doesNotContain("\tat ");
    }
}
