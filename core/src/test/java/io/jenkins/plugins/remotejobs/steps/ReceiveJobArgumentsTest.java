package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static io.jenkins.plugins.remotejobs.steps.Raw.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiveJobArgumentsTest {

    private static final Map<String, Object> BY_ID = args("id", 7);

    private static ReceiveJobArguments valid(Map<String, Object> raw) {
        return ReceiveJobArguments.from(raw);
    }

    private static String error(Map<String, Object> raw) {
        return Raw.refusal(ReceiveJobArguments::from, raw);
    }

    @Test
    void handleIdAndNameEachSelectTheJob() {
        assertThat(valid(args("job", TestJob.valid())).job()).isEqualTo(JobSelector.ofInstanceId(TestJob.ID));
        assertThat(valid(args("id", 7)).job()).isEqualTo(JobSelector.ofId(7));
        assertThat(valid(args("name", new StringBuilder("soak"))).job()).isEqualTo(JobSelector.ofName("soak"));
    }

    @Test
    void defaultsConsumeStdoutWithoutWaiting() {
        ReceiveJobArguments a = valid(BY_ID);

        assertThat(a)
                .isEqualTo(new ReceiveJobArguments(
                        JobSelector.ofId(7), false, false, false, StreamSelection.STDOUT, null, null, null, false));
    }

    @Test
    void everyArgumentIsCarriedOver() {
        ReceiveJobArguments a = valid(args(
                "name",
                "soak",
                "wait",
                true,
                "autoRemove",
                true,
                "stream",
                "both",
                "encoding",
                "utf8",
                "timeout",
                0,
                "file",
                "out/soak.log",
                "quiet",
                true));

        assertThat(a)
                .isEqualTo(new ReceiveJobArguments(
                        JobSelector.ofName("soak"),
                        false,
                        true,
                        true,
                        StreamSelection.BOTH,
                        "UTF-8",
                        0L,
                        "out/soak.log",
                        true));
        assertThat(a.stream().streams()).containsExactly(StreamName.STDOUT, StreamName.STDERR);
    }

    @Test
    void selectorNeedsExactlyOneOfJobIdAndName() {
        assertThat(error(args("keep", true)))
                .isEqualTo("receiveJob: give exactly one of 'job', 'id' or 'name', got none of them");
        assertThat(error(args("job", TestJob.valid(), "id", 7)))
                .isEqualTo("receiveJob: give exactly one of 'job', 'id' or 'name', got 'job' and 'id'");
    }

    @Test
    void jobMustBeAHandle() {
        assertThat(error(args("job", 7)))
                .isEqualTo("receiveJob: argument 'job' must be a job handle (what remoteJob or getJob returns),"
                        + " got 7 (an Integer)");
        assertThat(error(args("job", List.of(TestJob.valid()))))
                .isEqualTo("receiveJob: argument 'job' must be a job handle (what remoteJob or getJob returns),"
                        + " got a List of 1 item");
    }

    @Test
    void handleWithAForgedInstanceIdIsRefused() {
        assertThat(error(args("job", new TestJob("../../etc"))))
                .isEqualTo("receiveJob: argument 'job' must be a job handle (what remoteJob or getJob returns),"
                        + " got a job handle with the invalid instance id '../../etc'");
        assertThat(error(args("job", new TestJob(null))))
                .endsWith("got a job handle with the invalid instance id null");
    }

    @Test
    void unknownArgumentListsTheAllowedOnesInOrder() {
        assertThat(error(args("id", 7, "foo", 1)))
                .isEqualTo("receiveJob: unknown argument 'foo'. Allowed: job, id, name, keep, wait, autoRemove, stream,"
                        + " encoding, timeout, file, quiet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdout", "stderr", "both"})
    void everyStreamIsAccepted(String stream) {
        assertThat(valid(with(BY_ID, "stream", stream)).stream().label()).isEqualTo(stream);
    }

    @Test
    void unknownStreamListsTheStreams() {
        assertThat(error(with(BY_ID, "stream", "STDERR")))
                .isEqualTo("receiveJob: argument 'stream' must be one of stdout, stderr, both, got 'STDERR'"
                        + " (did you mean 'stderr'?)");
    }

    @Test
    void encodingMustBeASupportedCharsetAndIsCanonicalized() {
        assertThat(valid(with(BY_ID, "encoding", "latin1")).encoding()).isEqualTo("ISO-8859-1");
        assertThat(valid(with(BY_ID, "encoding", "windows-1252")).encoding()).isEqualTo("windows-1252");
        assertThat(error(with(BY_ID, "encoding", "utf-9")))
                .isEqualTo("receiveJob: argument 'encoding' must be a character set this Java supports, such as"
                        + " 'UTF-8' or 'windows-1252', got 'utf-9'");
        assertThat(error(with(BY_ID, "encoding", "not a name!"))).endsWith("got 'not a name!'");
    }

    @Test
    void timeoutAppliesOnlyWhenWaiting() {
        assertThat(error(with(BY_ID, "timeout", 30)))
                .isEqualTo("receiveJob: argument 'timeout' applies only with wait: true (it limits the wait),"
                        + " got timeout: 30 without wait: true");
        assertThat(error(args("id", 7, "wait", false, "timeout", 30))).contains("without wait: true");
        assertThat(valid(args("id", 7, "wait", true, "timeout", 30)).timeout()).isEqualTo(30L);
    }

    @Test
    void timeoutIsFromZeroToAYear() {
        Map<String, Object> waiting = with(BY_ID, "wait", true);

        assertThat(valid(with(waiting, "timeout", 0)).timeout()).isZero();
        assertThat(error(with(waiting, "timeout", -1)))
                .isEqualTo(
                        "receiveJob: argument 'timeout' must be a whole number of seconds from 0 to 31536000, got -1");
        assertThat(error(with(waiting, "timeout", 31_536_001))).endsWith("got 31536001");
    }

    @Test
    void autoRemoveNeedsWaitAndExcludesKeep() {
        assertThat(error(with(BY_ID, "autoRemove", true)))
                .isEqualTo("receiveJob: argument 'autoRemove' applies only with wait: true (it removes the job once"
                        + " the wait has received everything), got autoRemove: true without wait: true");
        assertThat(error(args("id", 7, "wait", true, "autoRemove", true, "keep", true)))
                .isEqualTo("receiveJob: arguments 'keep' and 'autoRemove' cannot both be true: autoRemove deletes the"
                        + " job whose output keep leaves for later");
        assertThat(valid(with(BY_ID, "autoRemove", false)).autoRemove()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep", "wait", "autoRemove", "quiet"})
    void flagsMustBeBooleans(String flag) {
        assertThat(error(with(BY_ID, flag, "false")))
                .isEqualTo("receiveJob: argument '" + flag + "' must be true or false, got 'false' (a String)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"out.log", "out/soak.log", "./out.log", "a/./b.txt", "a..b", "..a/b", "a//b", "dir/.hidden"})
    void fileAcceptsRelativePathsInsideTheWorkspace(String file) {
        assertThat(valid(with(BY_ID, "file", file)).file()).isEqualTo(file);
    }

    @Test
    void fileRefusesTraversal() {
        assertThat(error(with(BY_ID, "file", "../x")))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..',"
                        + " got '../x'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../../x", "a/..", "/etc/passwd", "//server/share/x", "C:/x", "c:x"})
    void fileRefusesEscapesAndAbsolutePaths(String file) {
        assertThat(error(with(BY_ID, "file", file)))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..',"
                        + " got " + Values.quote(file));
    }

    @Test
    void fileRefusesBackslashesWithAHint() {
        assertThat(error(with(BY_ID, "file", "..\\x")))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..'"
                        + " (separate folders with '/'), got '..\\x'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out/", ".", "a/."})
    void fileMustNameAFileNotAFolder(String file) {
        assertThat(error(with(BY_ID, "file", file)))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..'"
                        + " (naming a file, not a folder), got " + Values.quote(file));
    }

    @Test
    void fileRefusesNulControlCharactersBlanksAndHugePaths() {
        assertThat(error(with(BY_ID, "file", "out\0.log")))
                .isEqualTo(
                        "receiveJob: argument 'file' must not contain the control character U+0000, got 'out\\u0000.log'");
        assertThat(error(with(BY_ID, "file", "out\r.log"))).contains("U+000D");
        assertThat(error(with(BY_ID, "file", ""))).isEqualTo("receiveJob: argument 'file' must not be blank, got ''");
        assertThat(error(with(BY_ID, "file", "d/".repeat(5000) + "f")))
                .startsWith("receiveJob: argument 'file' must be at most 4096 characters long, got 'd/d/");
        assertThat(error(with(BY_ID, "file", 5)))
                .isEqualTo("receiveJob: argument 'file' must be a relative path inside the workspace without '..',"
                        + " got 5 (an Integer)");
    }

    @Test
    void nameSelectorIsBoundedAndEscaped() {
        assertThat(error(args("name", "x".repeat(10_240)))).contains("at most 1000 characters long");
        assertThat(error(args("name", "a\u0007b")))
                .isEqualTo(
                        "receiveJob: argument 'name' must not contain the control character U+0007, got 'a\\u0007b'");
    }
}
