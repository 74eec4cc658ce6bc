package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static io.jenkins.plugins.remotejobs.steps.Raw.with;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.MINIMAL;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.error;
import static io.jenkins.plugins.remotejobs.steps.RemoteJobCall.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteJobArgumentsTest {

    @Test
    void minimalCallGetsTheDocumentedDefaults() {
        RemoteJobArguments a = RemoteJobArguments.from(MINIMAL);

        assertThat(a.where()).isEqualTo(Placement.onNode("linux-1"));
        assertThat(a.where().isParent()).isFalse();
        assertThat(a.script()).isEqualTo("make soak-test");
        assertThat(a.shell()).isNull();
        assertThat(a.name()).isNull();
        assertThat(a.keepOnAgent()).isFalse();
        assertThat(a.dir()).isNull();
        assertThat(a.env()).isEmpty();
        assertThat(a.timeout()).isNull();
        assertThat(a.throttle()).isEqualTo(StepLimits.DEFAULT_THROTTLE);
    }

    @Test
    void everyArgumentIsCarriedOver() {
        RemoteJobArguments a = RemoteJobArguments.from(args(
                "nodes",
                List.of("linux-1", "linux-2"),
                "script",
                "uptime",
                "shell",
                "pwsh",
                "name",
                "soak",
                "keepOnAgent",
                true,
                "dir",
                "/srv/build",
                "env",
                List.of("A=1", "B_2=x=y", "EMPTY="),
                "timeout",
                600,
                "throttle",
                4));

        assertThat(a.where()).isEqualTo(Placement.onNodes(List.of("linux-1", "linux-2")));
        assertThat(a.where().isParent()).isTrue();
        assertThat(a.shell()).isEqualTo(Shell.PWSH);
        assertThat(a.name()).isEqualTo("soak");
        assertThat(a.keepOnAgent()).isTrue();
        assertThat(a.dir()).isEqualTo("/srv/build");
        assertThat(a.env()).containsExactly("A=1", "B_2=x=y", "EMPTY=");
        assertThat(a.timeout()).isEqualTo(600L);
        assertThat(a.throttle()).isEqualTo(4);
    }

    @Test
    void labelMakesAParentJob() {
        RemoteJobArguments a = RemoteJobArguments.from(args("label", "linux && x64", "script", "uptime"));

        assertThat(a.where()).isEqualTo(Placement.onLabel("linux && x64"));
        assertThat(a.where().isParent()).isTrue();
    }

    @Test
    void groovyStringsAreAcceptedForEveryTextArgument() {
        RemoteJobArguments a = RemoteJobArguments.from(args(
                "node", new StringBuilder("linux-1"),
                "script", new StringBuilder("make"),
                "shell", new StringBuilder("bat"),
                "name", new StringBuilder("soak"),
                "dir", new StringBuilder("C:\\build"),
                "env", List.of(new StringBuilder("A=1"))));

        assertThat(a.where().node()).isEqualTo("linux-1");
        assertThat(a.script()).isEqualTo("make");
        assertThat(a.shell()).isEqualTo(Shell.BAT);
        assertThat(a.name()).isEqualTo("soak");
        assertThat(a.dir()).isEqualTo("C:\\build");
        assertThat(a.env()).containsExactly("A=1");
    }

    @Test
    void placementNeedsExactlyOneOfNodeNodesAndLabel() {
        assertThat(error(args("script", "make")))
                .isEqualTo("remoteJob: give exactly one of 'node', 'nodes' or 'label', got none of them");
        assertThat(error(args("node", "a", "label", "b", "script", "make")))
                .isEqualTo("remoteJob: give exactly one of 'node', 'nodes' or 'label', got 'node' and 'label'");
        assertThat(error(args("node", "a", "nodes", List.of("b"), "label", "c", "script", "make")))
                .isEqualTo(
                        "remoteJob: give exactly one of 'node', 'nodes' or 'label', got 'node', 'nodes' and 'label'");
    }

    @Test
    void typeErrorsAreReportedBeforeCombinationErrors() {
        assertThat(error(args("script", "make", "timeout", "10")))
                .isEqualTo("remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000,"
                        + " got '10' (a String)");
    }

    @Test
    void unknownArgumentsAreReportedFirstWithTheAllowedOnes() {
        assertThat(error(args("scirpt", "make", "timeout", "x")))
                .isEqualTo("remoteJob: unknown argument 'scirpt' (did you mean 'script'?). Allowed: node, nodes,"
                        + " label, script, shell, name, keepOnAgent, dir, env, timeout, throttle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bat", "powershell", "pwsh"})
    void everyShellIsAccepted(String shell) {
        assertThat(valid("shell", shell).shell().label()).isEqualTo(shell);
    }

    @Test
    void unknownShellListsTheShells() {
        assertThat(error("shell", "cmd"))
                .isEqualTo("remoteJob: argument 'shell' must be one of sh, bat, powershell, pwsh, got 'cmd'");
        assertThat(error("shell", "SH"))
                .isEqualTo("remoteJob: argument 'shell' must be one of sh, bat, powershell, pwsh, got 'SH'"
                        + " (did you mean 'sh'?)");
    }

    @Test
    void keepOnAgentMustBeABoolean() {
        assertThat(error("keepOnAgent", "yes"))
                .isEqualTo("remoteJob: argument 'keepOnAgent' must be true or false, got 'yes' (a String)");
        assertThat(valid("keepOnAgent", false).keepOnAgent()).isFalse();
    }

    @Test
    void nameIsBoundedAndPrintable() {
        assertThat(valid("name", "n".repeat(1000)).name()).hasSize(1000);
        assertThat(error("name", "n".repeat(10_000)))
                .isEqualTo("remoteJob: argument 'name' must be at most 1000 characters long, got '" + "n".repeat(60)
                        + "...(10000 chars)'");
        assertThat(error("name", "soak\u001b[31m"))
                .isEqualTo("remoteJob: argument 'name' must not contain the control character U+001B,"
                        + " got 'soak\\u001b[31m'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/build", "/", "C:\\build", "c:/build", "\\\\server\\share\\x"})
    void dirAcceptsAbsolutePathsOfEverySystem(String dir) {
        assertThat(valid("dir", dir).dir()).isEqualTo(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "./build", "../x", "C:", "C:build", "~/x"})
    void dirRefusesRelativePaths(String dir) {
        assertThat(error("dir", dir))
                .isEqualTo("remoteJob: argument 'dir' must be an absolute directory path on the agent, such as"
                        + " '/srv/build' or 'C:\\build', got " + Values.quote(dir));
    }

    @Test
    void dirMustNotBeBlankOrHoldNul() {
        assertThat(error("dir", "")).isEqualTo("remoteJob: argument 'dir' must not be blank, got ''");
        assertThat(error("dir", "/srv/\0x"))
                .isEqualTo(
                        "remoteJob: argument 'dir' must not contain the control character U+0000, got '/srv/\\u0000x'");
    }

    @Test
    void timeoutIsAWholeNumberOfSecondsWithinAYear() {
        assertThat(error("timeout", -5))
                .isEqualTo(
                        "remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got -5");
        assertThat(error("timeout", 0)).endsWith("got 0");
        assertThat(error("timeout", 31_536_001L)).endsWith("got 31536001");
        assertThat(error("timeout", 1.5)).endsWith("got 1.5 (a Double)");
        assertThat(error("timeout", new BigDecimal("2.5"))).endsWith("got 2.5 (a BigDecimal)");
        assertThat(valid("timeout", 31_536_000).timeout()).isEqualTo(31_536_000L);
        assertThat(valid("timeout", new BigDecimal("60.0")).timeout()).isEqualTo(60L);
        assertThat(valid("timeout", BigInteger.valueOf(61)).timeout()).isEqualTo(61L);
        assertThat(valid("timeout", 62.0).timeout()).isEqualTo(62L);
    }

    @Test
    void throttleIsFromOneToAThousandAndAllowedWithASingleNode() {
        assertThat(valid("throttle", 1000).throttle()).isEqualTo(1000);
        assertThat(valid("throttle", 1).throttle()).isEqualTo(1);
        assertThat(error("throttle", 0))
                .isEqualTo("remoteJob: argument 'throttle' must be a whole number from 1 to 1000, got 0");
        assertThat(error("throttle", 1001)).endsWith("got 1001");
    }

    @Test
    void nodesMustBeANonEmptyListOfDistinctNodeNames() {
        Map<String, Object> base = args("script", "uptime");

        assertThat(error(with(base, "nodes", List.of())))
                .isEqualTo("remoteJob: argument 'nodes' must be a non-empty List of node names, got an empty List");
        assertThat(error(with(base, "nodes", "linux-1")))
                .isEqualTo(
                        "remoteJob: argument 'nodes' must be a non-empty List of node names, got 'linux-1' (a String)");
        assertThat(error(with(base, "nodes", List.of("a", "b", "a"))))
                .isEqualTo("remoteJob: argument 'nodes' must name each node once, got 'a' as nodes[0] and nodes[2]");
        assertThat(error(with(base, "nodes", List.of("a", 5))))
                .isEqualTo("remoteJob: argument 'nodes[1]' must be a node name, got 5 (an Integer)");
        assertThat(error(with(base, "nodes", List.of("a", " "))))
                .isEqualTo("remoteJob: argument 'nodes[1]' must not be blank, got ' '");
        assertThat(error(with(base, "nodes", List.of("x".repeat(10_240))))).contains("at most 1000 characters");
    }

    @Test
    void nodesNullItemIsNamedByPosition() {
        List<String> nodes = new ArrayList<>();
        nodes.add(null);

        assertThat(error(args("nodes", nodes, "script", "x")))
                .isEqualTo("remoteJob: argument 'nodes[0]' must not be null");
    }

    @Test
    void nodeAndLabelRefuseControlCharactersAndHugeNames() {
        assertThat(error(args("node", "linux\n1", "script", "x")))
                .isEqualTo(
                        "remoteJob: argument 'node' must not contain the control character U+000A, got 'linux\\u000a1'");
        assertThat(error(args("label", "l".repeat(10_240), "script", "x")))
                .startsWith("remoteJob: argument 'label' must be at most 1000 characters long");
        assertThat(error(args("node", 1, "script", "x")))
                .isEqualTo("remoteJob: argument 'node' must be a node name, got 1 (an Integer)");
    }

    @Test
    void listsInTheRecordAreImmutableCopies() {
        List<String> env = new ArrayList<>(List.of("A=1"));
        RemoteJobArguments a = valid("env", env);
        env.add("B=2");

        assertThat(a.env()).containsExactly("A=1");
        assertThatThrownBy(() -> a.env().add("C=3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void argumentsSurviveSerialization() throws Exception {
        RemoteJobArguments a = RemoteJobArguments.from(
                args("nodes", List.of("a", "b"), "script", "make", "shell", "sh", "env", List.of("A=1")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(a);
        }
    }
}
