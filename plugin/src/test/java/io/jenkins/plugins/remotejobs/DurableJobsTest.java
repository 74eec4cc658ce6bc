package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Jobs and the control over them survive what a real Jenkins does to them: an agent disconnected
 * the way Jenkins disconnects it (killing every process that carries its launcher's cookie), a
 * controller restart during a wait with the agent back only later, a build that starts before its
 * agent is online, a stop whose agent goes away during the grace period. No {@code force: true}:
 * the waits ride these out by the reconnect grace alone.
 */
class DurableJobsTest {

    private static final Duration CEILING = Duration.ofSeconds(120);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    /** A script printing {@code line-1} … {@code line-N}, one every 50 ms, and its exact output. */
    private static String lines(int n) {
        return "i=1; while [ $i -le " + n + " ]; do echo line-$i; i=$((i+1)); sleep 0.05; done";
    }

    private static String expected(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
    }

    private static List<JobRecord> jobs() throws Exception {
        return RemoteJobsService.get().steps().manager().table().all();
    }

    private static void awaitState(JobState state) {
        await().atMost(CEILING).until(() -> jobs().stream().anyMatch(j -> j.state() == state));
    }

    @Test
    void aJobAndAWaitOnItSurviveTheDisconnectOfACommandLaunchedAgent() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', script: '%s'
                    echo 'waiting'
                    waitJob jobs: [j]
                    echo "state=${j.state}"
                    node('%1$s') { receiveJob job: j, file: 'out.txt' }
                    """.formatted(agent.getNodeName(), lines(200)), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
            r.disconnectSlave(agent); // kills every process carrying the agent launcher's cookie
            awaitState(JobState.DISCONNECTED);
            agent.toComputer().connect(false).get();

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Completed", b);
            r.assertLogNotContains("Disconnected", b);
            FilePath out = agent.getWorkspaceFor(p).child("out.txt");
            assertThat(out.readToString()).isEqualTo(expected(200));
        });
    }

    /**
     * The second {@code remoteJob} on an agent is done without waiting for the agent's answer
     * (docs/steps.md); a controller restart right after it must neither lose nor double its launch:
     * the clean shutdown lets the launch on its way finish, and the job runs exactly once.
     */
    @Test
    void aRestartRightAfterARemoteJobThatDidNotWaitRunsTheJobExactlyOnce() throws Throwable {
        Path marks = tmp.resolve("marks");
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    waitJob jobs: [remoteJob(node: '%1$s', script: 'true')]
                    def j = remoteJob node: '%1$s', script: 'echo ran >> "%2$s"; echo once'
                    echo "handle=${j.state}"
                    echo 'waiting'
                    waitJob jobs: [j]
                    echo "state=${j.state}"
                    echo "out=" + receiveJob(job: j, quiet: true).trim()
                    """.formatted(agent.getNodeName(), marks), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
            assertThat(JenkinsRule.getLog(b)).containsAnyOf("handle=NotStarted", "handle=Running", "handle=Completed");
        });
        sessions.then(r -> {
            r.jenkins.getNode("slave0").toComputer().connect(false).get();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Completed", b);
            r.assertLogContains("out=once", b);
            assertThat(Files.readString(marks)).isEqualTo("ran\n");
            assertThat(jobs()).hasSize(2);
        });
    }

    @Test
    void waitJobRidesOutAControllerRestartWithTheAgentBackOnlyLater() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', script: '%s'
                    echo 'waiting'
                    waitJob jobs: [j]
                    echo "state=${j.state}"
                    echo "out=" + receiveJob(job: j, quiet: true).trim().replace('\\n', ',')
                    """.formatted(agent.getNodeName(), lines(100)), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting", b);
        });
        sessions.then(r -> {
            // The agent is away after the restart (until its jobs show it, unless Jenkins brought it
            // back first): the wait must ride that out.
            Computer agent = r.jenkins.getNode("slave0").toComputer();
            awaitAwayOrBack(agent);
            agent.connect(false).get();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Completed", b);
            r.assertLogContains("out=" + expected(100).trim().replace("\n", ","), b);
        });
    }

    /** A build receiving a 100-line job with {@code wait: true} into a file of its workspace on {@code agent}. */
    private static WorkflowRun startReceivingIntoAFile(JenkinsRule r, DumbSlave agent) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                def j = remoteJob node: '%s', script: '%s'
                node('%1$s') {
                    echo 'receiving'
                    receiveJob job: j, wait: true, file: 'out.txt'
                }
                echo "state=${j.state} more=${j.hasMoreData}"
                """.formatted(agent.getNodeName(), lines(100)), true));
        return p.scheduleBuild2(0).waitForStart();
    }

    private static void assertEverythingReceivedOnce(JenkinsRule r, DumbSlave agent, WorkflowRun b) throws Exception {
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("state=Completed more=false", b);
        assertThat(agent.getWorkspaceFor(b.getParent()).child("out.txt").readToString())
                .isEqualTo(expected(100));
    }

    @Test
    void aWaitingReceiveRidesOutAControllerRestartAndDeliversEverythingOnce() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowRun b = startReceivingIntoAFile(r, agent);
            // The restart closes the agent's channel as the receive begins (JenkinsRule closes the
            // agents' channels before Jenkins): the receive waits for it, and resumes.
            r.waitForMessage("receiving", b);
        });
        sessions.then(r -> {
            DumbSlave agent = (DumbSlave) r.jenkins.getNode("slave0");
            awaitAwayOrBack(agent.toComputer());
            agent.toComputer().connect(false).get();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            assertEverythingReceivedOnce(r, agent, b);
        });
    }

    /**
     * The agent of the {@code node} block's workspace disconnects as a {@code receiveJob wait: true,
     * file:} begins there: the receive waits for it (up to the reconnect grace), begins the file
     * again on the new channel, and the file holds every line once.
     */
    @Test
    void aWaitingReceiveIntoAFileRidesOutTheDisconnectOfItsWorkspacesAgent() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowRun b = startReceivingIntoAFile(r, agent);
            r.waitForMessage("receiving", b);
            r.disconnectSlave(agent); // kills every process carrying the agent launcher's cookie
            awaitAwayOrBack(agent.toComputer());
            agent.toComputer().connect(false).get();

            assertEverythingReceivedOnce(r, agent, b);
        });
    }

    @Test
    void aKeptWaitingReceiveResumedAfterARestartShowsEveryLineOnce() throws Throwable {
        resumedWaitingReceiveReturnsEverythingAndShowsEveryLineOnce(true);
    }

    /**
     * Consuming (output kept on the agent, its cursor there), the resumed receive is handed again
     * what it consumed before the restart (it runs under the same step call), so it too returns
     * the whole output.
     */
    @Test
    void aConsumingWaitingReceiveResumedAfterARestartReturnsTheWholeOutputAndShowsEveryLineOnce() throws Throwable {
        resumedWaitingReceiveReturnsEverythingAndShowsEveryLineOnce(false);
    }

    private void resumedWaitingReceiveReturnsEverythingAndShowsEveryLineOnce(boolean keep) throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', keepOnAgent: true, script: '%s'
                    def all = receiveJob job: j, wait: true, keep: %s
                    echo "returned=${all.length()} state=${j.state}"
                    """.formatted(agent.getNodeName(), lines(150), keep), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("line-20", b); // restart part-way through the stream
        });
        sessions.then(r -> {
            Computer agent = r.jenkins.getNode("slave0").toComputer();
            awaitAwayOrBack(agent);
            agent.connect(false).get();
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("returned=" + expected(150).length() + " state=Completed", b);
            List<String> log = Arrays.asList(JenkinsRule.getLog(b).split("\n"));
            for (int i = 1; i <= 150; i++) {
                assertThat(java.util.Collections.frequency(log, "line-" + i))
                        .as("line-" + i + " in the build log")
                        .isEqualTo(1);
            }
        });
    }

    @Test
    void aBuildThatStartsBeforeItsAgentIsOnlineWaitsForIt() throws Throwable {
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            r.disconnectSlave(agent);
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', script: 'echo started late'
                    waitJob jobs: [j]
                    echo "state=${j.state} out=" + receiveJob(job: j, quiet: true).trim()
                    """.formatted(agent.getNodeName()), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            await().atMost(CEILING).until(() -> jobs().size() == 1);
            assertThat(b.isBuilding()).isTrue();
            agent.toComputer().connect(false).get();

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Completed out=started late", b);
        });
    }

    @Test
    void anEnvValueOfAStartResumedAfterARestartReachesTheJobAndNoFileOfTheController() throws Throwable {
        String token = "tok" + "en-" + System.nanoTime(); // the script holds its parts, never the value itself
        String[] parts = {token.substring(0, 3), token.substring(3)};
        Path seen = tmp.resolve("seen-by-job");
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            r.disconnectSlave(agent);
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            // Made in the call itself: no variable of the script holds the value (Pipeline saves those).
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', env: ['TOKEN=' + '%s' + '%s'], script: 'printf %%s "$TOKEN" > %s'
                    waitJob jobs: [j]
                    echo "state=${j.state}"
                    """.formatted(agent.getNodeName(), parts[0], parts[1], seen), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            await().atMost(CEILING).until(() -> jobs().size() == 1);
            Path program = b.getRootDir().toPath().resolve("program.dat");
            await().atMost(CEILING).until(() -> Files.exists(program));
            assertThat(jobs().get(0).launched())
                    .as("launched only after the restart")
                    .isFalse();
            assertThat(FilesHolding.text(r.jenkins.getRootDir().toPath(), token))
                    .as("files of JENKINS_HOME holding the env: value while the start waits for its agent")
                    .isEmpty();
        });
        sessions.then(r -> {
            Computer agent = r.jenkins.getNode("slave0").toComputer();
            if (agent.isOffline()) {
                agent.connect(false).get();
            }
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Completed", b);
            assertThat(Files.readString(seen))
                    .as("the value as the job's process saw it")
                    .isEqualTo(token);
            assertThat(FilesHolding.text(r.jenkins.getRootDir().toPath(), token))
                    .as("files of JENKINS_HOME holding the env: value after the build")
                    .isEmpty();
        });
    }

    @Test
    void aStopInProgressWhenTheControllerRestartsIsCarriedOnAfterTheRestart() throws Throwable {
        Path up = tmp.resolve("up");
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', script: 'trap "" TERM; touch %s; sleep 300'
                    semaphore 'stop'
                    echo 'stopping'
                    stopJob job: j
                    echo "state=${j.state}"
                    """.formatted(agent.getNodeName(), up), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            await().atMost(CEILING).until(() -> Files.exists(up));
            org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep.success("stop/1", null);
            r.waitForMessage("stopping", b);
            // The job ignores TERM: its KILL comes after the grace period, and the step waits for it.
            assertThat(JenkinsRule.getLog(b))
                    .as("the stop is still in progress")
                    .doesNotContain("state=");
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Stopped", b);
        });
    }

    @Test
    void aTermIgnoringJobStoppedJustBeforeItsAgentGoesAwayIsStillKilled() throws Throwable {
        Path pids = tmp.resolve("pids");
        Path termed = tmp.resolve("termed");
        sessions.then(r -> {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    def j = remoteJob node: '%s', keepOnAgent: true, script: 'trap "touch %s" TERM; (trap "" TERM; exec sleep 300) & echo $$ $! > %s; while :; do wait; done'
                    echo 'started'
                    semaphore 'stop'
                    stopJob job: j
                    echo "state=${j.state}"
                    """.formatted(agent.getNodeName(), termed, pids), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("started", b);
            await().atMost(CEILING)
                    .until(() -> Files.exists(pids) && Files.readString(pids).contains(" "));
            List<Long> processes = Arrays.stream(Files.readString(pids, StandardCharsets.UTF_8)
                            .trim()
                            .split(" "))
                    .map(Long::parseLong)
                    .toList();
            org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep.success("stop/1", null);
            // The job's shell notes the TERM and goes on waiting; its child ignores TERM. The KILL
            // comes 5 s after the TERM, from the job's wrapper: the agent JVM is gone before then.
            await().atMost(CEILING).until(() -> Files.exists(termed));
            r.disconnectSlave(agent); // the agent JVM and its timers are gone
            assertThat(processes.stream()
                            .anyMatch(pid -> ProcessHandle.of(pid)
                                    .filter(ProcessHandle::isAlive)
                                    .isPresent()))
                    .as("the agent went away inside the grace period: the TERM-ignoring job still runs")
                    .isTrue();

            await().atMost(CEILING)
                    .until(() -> processes.stream()
                            .noneMatch(pid -> ProcessHandle.of(pid)
                                    .filter(ProcessHandle::isAlive)
                                    .filter(h -> !isZombie(pid))
                                    .isPresent()));
            agent.toComputer().connect(false).get(); // stopJob waits for the job's end, which the agent reports
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("state=Stopped", b);
        });
    }

    private static void awaitAwayOrBack(Computer agent) {
        await().atMost(CEILING)
                .until(() -> agent.isOnline() || jobs().stream().anyMatch(j -> j.state() == JobState.DISCONNECTED));
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
