package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every argument of {@code receiveJob} through the script runner, in controller mode and with
 * {@code keepOnAgent}. Jobs that must be caught half-way wait for a gate file, which the script
 * opens with a second job, so nothing depends on timing.
 */
class ReceiveJobStepTest {

    /** Small, so that the cap can be crossed cheaply. */
    private static final long TEXT_CAP = 4096;

    @RegisterExtension
    static final LocalHostExtension local =
            LocalHostExtension.withAgents(2).limits(Limits.defaults().withTextCap(TEXT_CAP));

    /** A script prologue defining {@code open(gate)}, which creates the gate file with a job of its own. */
    static String gates() {
        return """
                def open(String gate) {
                    waitJob jobs: [remoteJob(node: 'agent-2', script: "touch '${gate}'", name: 'gate-opener')]
                }
                def show(String text) { text.replace('\\n', '|') }
                """;
    }

    static String gate(String name) {
        return local.scratch().resolve("gate-" + name).toString();
    }

    @Test
    void jobIdAndNameEachSelectTheJob() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo selected', name: 'select-me'
                waitJob jobs: [j]
                echo "byJob=${receiveJob(job: j, keep: true, quiet: true).trim()}"
                echo "byId=${receiveJob(id: j.id, keep: true, quiet: true).trim()}"
                echo "byName=${receiveJob(name: 'select-me', keep: true, quiet: true).trim()}"
                """).ok();

        assertThat(r.values("byJob")).containsExactly("selected");
        assertThat(r.value("byId")).isEqualTo("selected");
        assertThat(r.value("byName")).isEqualTo("selected");
    }

    @Test
    void aNameIsThisBuildsJobElseTheNewestOfEarlierBuildsAndTwoInOneBuildAreAnError() {
        var first = local.scripts().run("names-1", """
                def a = remoteJob node: 'agent-1', script: 'echo older', name: 'twice'
                def b = remoteJob node: 'agent-1', script: 'echo newer', name: 'twice'
                waitJob jobs: [a, b]
                echo "ids=${a.id}, ${b.id}"
                receiveJob name: 'twice', keep: true
                """);
        assertThat(first.failed())
                .isEqualTo("receiveJob: this build has 2 jobs named 'twice' (ids " + first.value("ids")
                        + "); use id: or job: to pick one");

        var later = local.scripts()
                .run("names-2", "echo \"got=${receiveJob(name: 'twice', keep: true, quiet: true).trim()}\"")
                .ok();
        assertThat(later.value("got")).isEqualTo("newer");

        var own = local.scripts().run("names-3", """
                def mine = remoteJob node: 'agent-2', script: 'echo mine', name: 'twice'
                waitJob jobs: [mine]
                echo "got=${receiveJob(name: 'twice', quiet: true).trim()}"
                """).ok();
        assertThat(own.value("got")).isEqualTo("mine");
    }

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void consumingReceivesReturnDisjointConsecutivePiecesThatMakeTheWholeOutput(boolean keepOnAgent) {
        String gate = gate("pieces-" + keepOnAgent);
        var r = local.scripts()
                .run(gates() + """
                def j = remoteJob node: 'agent-1', keepOnAgent: %s, script: '''
                    echo first-piece
                    while [ ! -e '%s' ]; do sleep 0.02; done
                    echo second-piece
                '''
                while (!j.hasMoreData) { sleep time: 10, unit: 'MILLISECONDS' }
                echo "part=${show(receiveJob(job: j, quiet: true))}"
                echo "more=${j.hasMoreData}"
                open('%s')
                waitJob jobs: [j]
                echo "part=${show(receiveJob(job: j, quiet: true))}"
                echo "part=${show(receiveJob(job: j, quiet: true))}"
                echo "more=${j.hasMoreData}"
                """.formatted(keepOnAgent, gate, gate))
                .ok();

        assertThat(r.values("part")).containsExactly("first-piece|", "second-piece|", "");
        assertThat(r.values("more")).containsExactly("false", "false");
    }

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void keepReturnsTheUnconsumedOutputAndConsumesNothing(boolean keepOnAgent) {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', keepOnAgent: %s, script: 'echo keep-me'
                waitJob jobs: [j]
                echo "one=${receiveJob(job: j, keep: true, quiet: true).trim()}"
                echo "two=${receiveJob(job: j, keep: true, quiet: true).trim()}"
                echo "more=${j.hasMoreData}"
                echo "three=${receiveJob(job: j, quiet: true).trim()}"
                echo "more=${j.hasMoreData}"
                echo "four=${receiveJob(job: j, keep: true, quiet: true).length()}"
                """.formatted(keepOnAgent)).ok();

        assertThat(r.value("one")).isEqualTo("keep-me");
        assertThat(r.value("two")).isEqualTo("keep-me");
        assertThat(r.value("three")).isEqualTo("keep-me");
        assertThat(r.values("more")).containsExactly("true", "false");
        assertThat(r.value("four")).isEqualTo("0");
    }

    @Test
    void waitStreamsTheOutputIntoTheLogUntilTheJobEnds() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'for i in 1 2 3; do echo "tick $i"; sleep 0.2; done'
                def all = receiveJob job: j, wait: true
                echo "state=${j.state}"
                echo "all=${all.readLines()}"
                """).ok();

        assertThat(r.value("state")).isEqualTo("Completed");
        assertThat(r.value("all")).isEqualTo("[tick 1, tick 2, tick 3]");
        assertThat(r.log()).startsWith("tick 1\ntick 2\ntick 3\n");
    }

    @Test
    void waitWithKeepStreamsEverythingOnceAndConsumesNothing() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', keepOnAgent: true, script: 'for i in 1 2; do echo "kept $i"; sleep 0.2; done'
                def all = receiveJob job: j, wait: true, keep: true, quiet: true
                echo "all=${all.readLines()}"
                echo "more=${j.hasMoreData}"
                """).ok();

        assertThat(r.value("all")).isEqualTo("[kept 1, kept 2]");
        assertThat(r.value("more")).isEqualTo("true");
    }

    @Test
    void autoRemoveRemovesTheJobOnceEverythingIsReceived() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo last words', name: 'auto-removed'
                echo "id=${j.id}"
                echo "iid=${j.instanceId}"
                echo "got=${receiveJob(job: j, wait: true, autoRemove: true, quiet: true).trim()}"
                echo "left=${getJob(name: 'auto-removed', quiet: true).size()}"
                """).ok();

        assertThat(r.value("got")).isEqualTo("last words");
        assertThat(r.value("left")).isEqualTo("0");
        assertThat(local.host().manager().info(r.id("id"))).isEmpty();
        assertThat(local.host().home().resolve("agents/agent-1/cache").resolve(r.value("iid")))
                .doesNotExist();
    }

    @ParameterizedTest(name = "keepOnAgent: {0}")
    @ValueSource(booleans = {false, true})
    void eachStreamHasItsOwnCursorAndBothGivesStdoutThenStderr(boolean keepOnAgent) {
        var r = local.scripts().run(gates() + """
                def s = '''
                    echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2
                '''
                def j = remoteJob node: 'agent-1', keepOnAgent: %1$s, script: s
                def k = remoteJob node: 'agent-1', keepOnAgent: %1$s, script: s
                waitJob jobs: [j, k]
                echo "out=${show(receiveJob(job: j, quiet: true))}"
                echo "more=${j.hasMoreData}"
                echo "err=${show(receiveJob(job: j, stream: 'stderr', quiet: true))}"
                echo "more=${j.hasMoreData}"
                echo "both=${show(receiveJob(job: k, stream: 'both', quiet: true))}"
                echo "more=${k.hasMoreData}"
                """.formatted(keepOnAgent)).ok();

        assertThat(r.value("out")).isEqualTo("out-1|out-2|");
        assertThat(r.value("err")).isEqualTo("err-1|err-2|");
        assertThat(r.value("both")).isEqualTo("out-1|out-2|err-1|err-2|");
        assertThat(r.values("more")).containsExactly("true", "false", "false");
    }

    @Test
    void encodingDecidesHowTheBytesBecomeText() {
        // The bytes of "é" in UTF-8 (C3 A9), then "é" in ISO-8859-1 (E9).
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-2', keepOnAgent: true, script: $/printf '\\303\\251 \\351\\n'/$
                waitJob jobs: [j]
                def latin = receiveJob job: j, keep: true, encoding: 'ISO-8859-1', quiet: true
                def utf8 = receiveJob job: j, keep: true, encoding: 'UTF-8', quiet: true
                echo "latin=${latin.trim().collect { Integer.toHexString((int) it.charAt(0)) }}"
                echo "utf8=${utf8.trim().collect { Integer.toHexString((int) it.charAt(0)) }}"
                """).ok();

        assertThat(r.value("latin")).isEqualTo("[c3, a9, 20, e9]");
        assertThat(r.value("utf8")).isEqualTo("[e9, 20, fffd]"); // the lone E9 is invalid UTF-8: replaced
    }

    @Test
    void timeoutWithWaitReturnsWhatArrivedAndSaysSo() {
        String gate = gate("timeout");
        var r = local.scripts().run(gates() + """
                def j = remoteJob node: 'agent-1', script: "echo early; while [ ! -e '%1$s' ]; do sleep 0.02; done; echo late"
                echo "early=${show(receiveJob(job: j, wait: true, timeout: 1, quiet: true))}"
                echo "state=${j.state}"
                open('%1$s')
                echo "late=${show(receiveJob(job: j, wait: true, timeout: 60, quiet: true))}"
                """.formatted(gate)).ok();

        assertThat(r.value("early")).isEqualTo("early|");
        assertThat(r.value("state")).isEqualTo("Running");
        assertThat(r.log()).contains("receiveJob: stopped waiting after 1 s; job ");
        assertThat(r.value("late")).isEqualTo("late|");
    }

    @Test
    void fileWritesTheRawBytesIntoTheWorkingDirectoryAndReturnsTheirCount() throws IOException {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: $/printf '\\000\\377raw\\n'/$
                waitJob jobs: [j]
                echo "bytes=${receiveJob(job: j, file: 'received/raw.bin')}"
                echo "more=${j.hasMoreData}"
                """).ok();

        assertThat(r.value("bytes")).isEqualTo("6");
        assertThat(r.value("more")).isEqualTo("false");
        assertThat(Files.readAllBytes(local.scripts().workingDirectory().resolve("received/raw.bin")))
                .containsExactly(0, 0xff, 'r', 'a', 'w', '\n');
        assertThat(r.log()).contains("receiveJob: wrote 6 bytes of job ").contains(" to received/raw.bin");
    }

    @Test
    void aReceivedFileHasThePermissionsTheUmaskGivesAsCpWould() throws IOException {
        local.scripts().run("""
                def j = remoteJob node: 'agent-2', script: 'echo mode'
                waitJob jobs: [j]
                receiveJob job: j, file: 'modes/received.txt', quiet: true
                """).ok();

        Path dir = local.scripts().workingDirectory().resolve("modes");
        Path plain = Files.createFile(dir.resolve("created-plainly.txt"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("received.txt")))
                .as("permissions of the received file, against a file created here with the umask")
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void fileInsideNodeWritesIntoThatAgentsWorkspace() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo into the workspace'
                waitJob jobs: [j]
                node('agent-2') {
                    echo "bytes=${receiveJob(job: j, file: 'from-agent-1.txt', quiet: true)}"
                }
                """).ok();

        assertThat(r.value("bytes")).isEqualTo("19");
        assertThat(local.host().home().resolve("agents/agent-2/workspace/from-agent-1.txt"))
                .hasContent("into the workspace");
        assertThat(local.scripts().workingDirectory().resolve("from-agent-1.txt"))
                .doesNotExist();
        assertThat(r.log()).doesNotContain("wrote");
    }

    @Test
    void quietKeepsTheOutputOutOfTheLogButReturnsIt() {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo loud-output'
                waitJob jobs: [j]
                def quiet = receiveJob job: j, keep: true, quiet: true
                echo "returned=${quiet.trim()}"
                """).ok();
        var loud = local.scripts().run("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'echo loud-output'
                waitJob jobs: [j]
                receiveJob job: j
                """).ok();

        assertThat(r.log()).isEqualTo("returned=loud-output\n");
        assertThat(loud.log()).isEqualTo("loud-output\n");
    }

    @Test
    void aParentGivesItsChildrensOutputInCreationOrderUnderHeaders() {
        var r = local.scripts().run("""
                def p = remoteJob nodes: ['agent-2', 'agent-1'], script: 'echo "on $(basename $(dirname $(dirname $(dirname $PWD))))"'
                waitJob jobs: [p]
                echo "ids=${p.childJobs.collect { it.id }.join(',')}"
                receiveJob job: p
                """).ok();

        String[] ids = r.value("ids").split(",");
        assertThat(r.log())
                .endsWith("--- agent-2 (job " + ids[0] + ") ---\non agent-2\n--- agent-1 (job " + ids[1]
                        + ") ---\non agent-1\n");
    }

    @Test
    void textAboveTheCapFailsNamesFileAndConsumesNothing() throws IOException {
        var r = local.scripts().run("""
                def j = remoteJob node: 'agent-1', script: 'head -c %d /dev/zero | tr "\\\\000" x', name: 'too-big'
                waitJob jobs: [j]
                echo "id=${j.id}"
                receiveJob job: j
                """.formatted(TEXT_CAP + 1));

        assertThat(r.failed())
                .isEqualTo("receiveJob: job " + r.value("id") + " has " + (TEXT_CAP + 1)
                        + " bytes of output, above the limit of " + TEXT_CAP
                        + " bytes for text; receive it into a workspace file with file: instead (nothing more was"
                        + " consumed)");
        var file = local.scripts()
                .run("echo \"bytes=${receiveJob(name: 'too-big', file: 'big.txt')}\"")
                .ok();
        assertThat(file.value("bytes")).isEqualTo(Long.toString(TEXT_CAP + 1));
        assertThat(Files.readString(local.scripts().workingDirectory().resolve("big.txt")))
                .isEqualTo("x".repeat((int) TEXT_CAP + 1));
    }
}
