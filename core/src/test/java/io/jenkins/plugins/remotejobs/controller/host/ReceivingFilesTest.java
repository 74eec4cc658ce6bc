package io.jenkins.plugins.remotejobs.controller.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivingFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCallsNextAttemptRemovesWhatItsEarlierOneLeftAndNothingElse() throws IOException {
        Path left = ReceivingFiles.create(dir, "out", "call-1");
        Path otherCall = ReceivingFiles.create(dir, "out", "call-2");
        Path noCall = ReceivingFiles.create(dir, "out", null);
        Path otherTarget = ReceivingFiles.create(dir, "out-2", "call-1");
        Path target = Files.writeString(dir.resolve("out"), "the file itself");

        Path next = ReceivingFiles.create(dir, "out", "call-1");

        assertThat(left).doesNotExist();
        assertThat(names())
                .containsExactlyInAnyOrder(name(next), name(otherCall), name(noCall), name(otherTarget), "out");
        assertThat(target).hasContent("the file itself");
        assertThat(name(next)).startsWith(".receiving-").endsWith(".tmp");
    }

    @Test
    void withoutACallNothingIsRemoved() throws IOException {
        Path first = ReceivingFiles.create(dir, "out", null);
        Path second = ReceivingFiles.create(dir, "out", null);

        assertThat(first).exists();
        assertThat(second).exists().isNotEqualTo(first);
    }

    @Test
    void anyCallIdMakesAFileName() throws IOException {
        Path p = ReceivingFiles.create(dir, "out", "build/with spaces#1 node:12\u00e9");

        assertThat(p.getParent()).isEqualTo(dir);
        assertThat(name(p)).matches("\\.receiving-[0-9a-f]{12}-out-[0-9a-z]+\\.tmp");
    }

    private Stream<String> namesStream() throws IOException {
        return Files.list(dir).map(ReceivingFilesTest::name);
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<String> s = namesStream()) {
            return s.toList();
        }
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
