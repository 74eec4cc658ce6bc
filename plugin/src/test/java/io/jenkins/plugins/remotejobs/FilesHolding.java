package io.jenkins.plugins.remotejobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under a directory (JENKINS_HOME) that hold a text, byte for byte: where a secret must not be. */
final class FilesHolding {

    private FilesHolding() {}

    static List<Path> text(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                        found.add(f);
                    }
                } catch (IOException vanished) {
                    // a file removed while walking holds nothing any more
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
