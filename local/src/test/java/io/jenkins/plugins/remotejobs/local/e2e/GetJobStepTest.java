package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every filter of {@code getJob}, and its table, through the script runner. */
class GetJobStepTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(2);

    @Test
    void withoutArgumentsItListsOnlyThisBuildsJobsAndPrintsTheirTable() {
        local.scripts()
                .run("mine-earlier", "remoteJob node: 'agent-1', script: 'true', name: 'mine-a'")
                .ok();
        var r = local.scripts().run("mine-later", """
                def j = remoteJob node: 'agent-2', script: 'echo hi', name: 'mine-b'
                waitJob jobs: [j]
                echo "names=${getJob().collect { it.name }}"
                """).ok();

        assertThat(r.value("names")).isEqualTo("[mine-b]");
        assertThat(r.log())
                .contains("Id  Name    State      HasMoreData  Location  Command")
                .containsPattern("\\d+ +mine-b +Completed +True +agent-2 +echo hi")
                .doesNotContain("mine-a");
    }

    @Test
    void idFindsAJobOfAnEarlierBuild() {
        long id = local.scripts()
                .run("by-id-1", "echo \"id=${remoteJob(node: 'agent-1', script: 'true', name: 'by-id').id}\"")
                .ok()
                .id("id");

        var r = local.scripts()
                .run("by-id-2", "echo \"found=${getJob(id: %d, quiet: true).collect { it.name }}\"".formatted(id))
                .ok();

        assertThat(r.value("found")).isEqualTo("[by-id]");
    }

    @Test
    void anIdNoJobHasIsAnErrorAsInEveryOtherStepWhileAFilterThatMatchesNothingIsAnEmptyList() {
        long id = local.scripts()
                .run("echo \"id=${remoteJob(node: 'agent-1', script: 'true', name: 'id-rule').id}\"")
                .ok()
                .id("id");

        assertThat(local.scripts().run("getJob id: 99999").failed()).isEqualTo("getJob: no job with id 99999");
        assertThat(local.scripts().run("receiveJob id: 99999").failed()).isEqualTo("receiveJob: no job with id 99999");
        var r = local.scripts().run("""
                echo "filtered=${getJob(id: %d, state: 'Stopped', quiet: true).size()}"
                echo "unnamed=${getJob(name: 'no-such-job', quiet: true).size()}"
                """.formatted(id)).ok();
        assertThat(r.value("filtered")).isEqualTo("0");
        assertThat(r.value("unnamed")).isEqualTo("0");
    }

    @Test
    void nameMatchesWithWildcardsAcrossBuilds() {
        local.scripts().run("wild-1", """
                remoteJob node: 'agent-1', script: 'true', name: 'wild-alpha'
                remoteJob node: 'agent-1', script: 'true', name: 'wild-beta'
                """).ok();
        local.scripts()
                .run("wild-2", "remoteJob node: 'agent-2', script: 'true', name: 'wild-gamma'")
                .ok();

        var r = local.scripts().run("wild-3", """
                echo "star=${getJob(name: 'wild-*a', quiet: true).collect { it.name }}"
                echo "question=${getJob(name: 'wild-bet?', quiet: true).collect { it.name }}"
                echo "exact=${getJob(name: 'wild-gamma', quiet: true).collect { it.name }}"
                echo "none=${getJob(name: 'wild-x*', quiet: true).size()}"
                """).ok();

        assertThat(r.value("star")).isEqualTo("[wild-alpha, wild-beta, wild-gamma]");
        assertThat(r.value("question")).isEqualTo("[wild-beta]");
        assertThat(r.value("exact")).isEqualTo("[wild-gamma]");
        assertThat(r.value("none")).isEqualTo("0");
    }

    @Test
    void stateKeepsOnlyJobsInThatState() {
        var r = local.scripts().run("""
                def ok = remoteJob node: 'agent-1', script: 'true', name: 'state-ok'
                def bad = remoteJob node: 'agent-2', script: 'exit 2', name: 'state-bad'
                waitJob jobs: [ok, bad]
                echo "failed=${getJob(name: 'state-*', state: 'Failed', quiet: true).collect { it.name }}"
                echo "completed=${getJob(state: 'Completed', quiet: true).collect { it.name }}"
                echo "running=${getJob(state: 'Running', quiet: true).size()}"
                """).ok();

        assertThat(r.value("failed")).isEqualTo("[state-bad]");
        assertThat(r.value("completed")).isEqualTo("[state-ok]");
        assertThat(r.value("running")).isEqualTo("0");
    }

    @Test
    void nodeListsThatNodesJobsAndAsksItsCacheForJobsTheTableDoesNotKnow() throws IOException {
        // A job in agent-2's cache that this controller never started (another controller's, say).
        AgentProtocol agent2 = local.host().agents().connect("agent-2").orElseThrow();
        String stranger = JobIds.newInstanceId();
        agent2.launch(new LaunchRequest(stranger, "stranger", "sh", "echo unseen", null, List.of(), 0, true));

        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'true', name: 'node-filter'
                waitJob jobs: [p]
                echo "locations=${getJob(node: 'agent-2').collect { it.location }.unique()}"
                echo "mine=${getJob(node: 'agent-2', name: 'node-filter', quiet: true).collect { it.id }}"
                echo "child=${p.childJobs[1].id}"
                """).ok();

        assertThat(r.value("locations")).isEqualTo("[agent-2]");
        assertThat(r.value("mine")).isEqualTo("[" + r.value("child") + "]");
        // The stranger is listed from the agent's own cache, without an id; it is not a handle.
        assertThat(r.log()).containsPattern("(?m)^- +stranger +\\w+ +True +agent-2 +echo unseen$");
    }

    @Test
    void allListsEveryJobOfEveryBuild() {
        local.scripts()
                .run("all-1", "remoteJob node: 'agent-1', script: 'true', name: 'all-first'")
                .ok();
        local.scripts()
                .run("all-2", "remoteJob node: 'agent-2', script: 'true', name: 'all-second'")
                .ok();

        var r = local.scripts().run("all-3", """
                echo "this=${getJob(quiet: true).size()}"
                echo "all=${getJob(all: true, quiet: true).collect { it.name }.findAll { it.startsWith('all-') }}"
                echo "count=${getJob(all: true, quiet: true).size()}"
                """).ok();

        assertThat(r.value("this")).isEqualTo("0");
        assertThat(r.value("all")).isEqualTo("[all-first, all-second]");
        long topLevel =
                local.scripts().table().stream().filter(j -> j.parentId() == 0).count();
        assertThat(Long.parseLong(r.value("count"))).isEqualTo(topLevel);
    }

    @Test
    void includeChildJobsListsTheChildrenAsRowsOfTheirOwn() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-1', 'agent-2'], script: 'true', name: 'family'
                echo "parents=${getJob(name: 'family', quiet: true).collect { it.id }}"
                echo "everyone=${getJob(name: 'family', includeChildJobs: true, quiet: true).collect { it.id }}"
                echo "ids=${[p.id] + p.childJobs.collect { it.id }}"
                """).ok();

        assertThat(r.value("parents")).isEqualTo("[" + r.value("ids").replaceAll("^\\[(\\d+),.*", "$1") + "]");
        assertThat(r.value("everyone")).isEqualTo(r.value("ids"));
    }

    @Test
    void quietReturnsTheHandlesWithoutPrintingTheTable() {
        var r = local.scripts().run("""
                remoteJob node: 'agent-1', script: 'true', name: 'hushed'
                echo "count=${getJob(quiet: true).size()}"
                """).ok();

        assertThat(r.value("count")).isEqualTo("1");
        assertThat(r.log()).doesNotContain("HasMoreData").doesNotContain("hushed");
    }
}
