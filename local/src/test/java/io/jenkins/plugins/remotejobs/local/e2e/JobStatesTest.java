package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The states a job goes through and a parent's state and HasMoreData from its children (STEPS.md,
 * "States"). Disconnected and Lost need an agent to die or lose a job: see {@link AgentFailureTest}.
 * A script behaves differently per node by looking at its default working directory, which lies
 * under its agent's directory.
 */
class JobStatesTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    /** A script that does {@code onAgent1} on agent-1 and {@code onAgent2} on agent-2. */
    static String perNode(String onAgent1, String onAgent2) {
        return "case \"$PWD\" in */agents/agent-1/*) " + onAgent1 + ";; *) " + onAgent2 + ";; esac";
    }

    static String states() {
        return "echo \"states=${[p.state] + p.childJobs.collect { it.state }}\"\n";
    }

    @Test
    void aJobIsRunningThenCompletedWithExitCodeZero() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'sleep 1'
                echo "before=${j.state}"
                waitJob jobs: [j]
                echo "after=${j.state}"
                echo "exit=${j.exitCode}"
                echo "reason=${j.reason}"
                """).ok();

        assertThat(r.value("before")).isEqualTo("Running");
        assertThat(r.value("after")).isEqualTo("Completed");
        assertThat(r.value("exit")).isEqualTo("0");
        assertThat(r.value("reason")).isEqualTo("null");
    }

    @Test
    void aJobIsFailedByANonZeroExitALaunchFailureOrATimeoutAndTheReasonSaysWhich() {
        var r = local.scripts().run("""
                def exit = remoteJob node: 'agent-1', script: 'exit 7'
                def launch = remoteJob node: 'agent-1', dir: '/no/such/dir', script: 'true'
                def timeout = remoteJob node: 'agent-2', timeout: 1, script: 'sleep 60'
                waitJob jobs: [exit, launch, timeout]
                for (j in [exit, launch, timeout]) { echo "failed=${j.state} ${j.exitCode} ${j.reason}" }
                """).ok();

        assertThat(r.values("failed"))
                .containsExactly(
                        "Failed 7 exit code 7",
                        "Failed null launch failed: working directory '/no/such/dir' does not exist on this agent",
                        "Failed 143 timed out after 1 s"); // 128 + TERM: the shell the timeout ended
    }

    @Test
    void aStoppedJobIsStoppedWhateverExitCodeTheSignalCaused() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'trap "exit 3" TERM; sleep 300 & wait'
                stopJob job: j
                echo "state=${j.state}"
                echo "reason=${j.reason}"
                """).ok();

        assertThat(r.value("state")).isEqualTo("Stopped");
        assertThat(r.value("reason")).isEqualTo("stopped by request");
    }

    @Test
    void aParentIsCompletedWhenEveryChildCompleted() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'true'
                waitJob jobs: [p]
                """ + states()).ok();

        assertThat(r.value("states")).isEqualTo("[Completed, Completed, Completed]");
    }

    @Test
    void aParentIsRunningWhileAnyChildRunsThenFailedWhenOneChildFailed() {
        String gate = local.scratch().resolve("gate-failing").toString();
        var r = local.scripts()
                .run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: '%s'
                waitJob jobs: [p.childJobs[0]]
                echo "running=${p.state}"
                waitJob jobs: [remoteJob(node: 'agent-1', script: "touch %s")]
                waitJob jobs: [p]
                echo "reason=${p.reason}"
                echo "exit=${p.exitCode}"
                """.formatted(perNode("exit 1", "while [ ! -e " + gate + " ]; do sleep 0.02; done"), gate)
                        + states())
                .ok();

        assertThat(r.value("running")).isEqualTo("Running");
        assertThat(r.value("states")).isEqualTo("[Failed, Failed, Completed]");
        assertThat(r.value("reason")).isEqualTo("agent-1: exit code 1");
        assertThat(r.value("exit")).isEqualTo("null");
    }

    @Test
    void aParentIsStoppedWhenAChildWasStoppedAndTheOthersCompleted() {
        var r = local.scripts()
                .run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: '%s'
                waitJob jobs: [p.childJobs[0]]
                stopJob job: p.childJobs[1]
                """.formatted(perNode("true", "sleep 300")) + states())
                .ok();

        assertThat(r.value("states")).isEqualTo("[Stopped, Completed, Stopped]");
    }

    @Test
    void aParentIsFailedWhenOneChildFailedAndAnotherWasStopped() {
        var r = local.scripts()
                .run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: '%s'
                waitJob jobs: [p.childJobs[0]]
                stopJob job: p
                """.formatted(perNode("exit 2", "sleep 300")) + states())
                .ok();

        assertThat(r.value("states")).isEqualTo("[Failed, Failed, Stopped]");
    }

    @Test
    void hasMoreDataFollowsWhatWasReceivedAndAParentsIsAnyOfItsChildrens() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'echo out', keepOnAgent: true
                waitJob jobs: [p]
                def more = { "${p.hasMoreData}/${p.childJobs.collect { it.hasMoreData }.join('/')}" }
                echo "more=${more()}"
                receiveJob job: p.childJobs[0], keep: true, quiet: true
                echo "more=${more()}"
                receiveJob job: p.childJobs[0], quiet: true
                echo "more=${more()}"
                receiveJob job: p.childJobs[1], quiet: true
                echo "more=${more()}"
                """).ok();

        assertThat(r.values("more"))
                .containsExactly("true/true/true", "true/true/true", "true/false/true", "false/false/false");
    }

    @Test
    void aJobWithoutOutputHasNoMoreDataFromTheStart() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'true'
                waitJob jobs: [j]
                echo "more=${j.hasMoreData}"
                echo "text=[${receiveJob(job: j, quiet: true)}]"
                """).ok();

        assertThat(r.value("more")).isEqualTo("false");
        assertThat(r.value("text")).isEqualTo("[]");
    }
}
