package io.jenkins.plugins.remotejobs.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every script in the repository's {@code examples/} runs, on a fresh host with two agents, as documented. */
class ExamplesTest {

    /** Surefire runs in the module's directory; the examples live beside the modules. */
    static final Path EXAMPLES = Path.of("..", "examples");

    /** For each example, lines its output must contain: what shows it did what it is there to show. */
    static final Map<String, List<String>> KEY_LINES = Map.of(
            "as-job.Jenkinsfile",
            List.of(
                    "stdout: hello from the agent",
                    "stderr: a warning",
                    "state Completed, exit code 0, more data: false"),
            "fan-out.Jenkinsfile",
            List.of("parent state: Completed", "uptime of "),
            "keep-on-agent.Jenkinsfile",
            List.of("kept output, read twice: [log line 1, log line 2]", "wrote 22 bytes; more data now: false"),
            "start-job-on-agent.Jenkinsfile",
            List.of("tick 1\ntick 2\ntick 3\n", "second receive returned 0 characters; more data: false"),
            "wait-stop-remove.Jenkinsfile",
            List.of(
                    "first to end: [quick]",
                    "after a 1 s timeout, ended: 0",
                    "refused as expected: removeJob: job 1 ('slow') is Running; stop it first with stopJob, or pass"
                            + " force: true",
                    "slow is now Stopped (stopped by request)"));

    @RegisterExtension
    final LocalHostExtension local = LocalHostExtension.withoutHost();

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void everyExampleHasItsKeyLinesHere() throws IOException {
        assertThat(examples()).containsExactlyInAnyOrderElementsOf(KEY_LINES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsAndPrintsItsKeyLines(String example) throws IOException {
        try (var run = local.open(2, "")) {
            var r = run.scripts().runFile(EXAMPLES.resolve(example)).ok();

            assertThat(r.log())
                    .contains(KEY_LINES.getOrDefault(example, List.of("(no key lines for " + example + ")")));
            // Each example cleans up after itself.
            assertThat(run.host().manager().table().all()).isEmpty();
        }
    }
}
