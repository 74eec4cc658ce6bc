package io.jenkins.plugins.remotejobs.local.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares received files with what the jobs wrote and counts the damage: bytes missing (lost),
 * bytes beyond the expected length (duplicated), and streams of the right length but the wrong
 * content (corrupt). A stream is exact when its sha256 matches.
 */
final class StreamCheck {

    long streams;
    long expectedBytes;
    long receivedBytes;
    long lost;
    long duplicated;
    long corrupt;
    final List<String> problems = new ArrayList<>();

    void check(String what, KnownOutput expected, Path received) {
        streams++;
        expectedBytes += expected.bytes();
        long size;
        try {
            size = Files.exists(received) ? Files.size(received) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size < 0 && expected.bytes() == 0) {
            return; // nothing was written, so nothing had to be kept
        }
        if (size < 0) {
            lost += expected.bytes();
            problems.add(what + ": no file " + received);
            return;
        }
        receivedBytes += size;
        lost += Math.max(0, expected.bytes() - size);
        duplicated += Math.max(0, size - expected.bytes());
        String sha = KnownOutput.sha256(received);
        if (!sha.equals(expected.sha256())) {
            if (size == expected.bytes()) {
                corrupt++;
            }
            problems.add(what + ": " + size + " bytes, sha256 " + sha + ", expected " + expected.bytes() + " bytes, "
                    + expected.sha256());
        }
    }

    Figures figures(Figures f) {
        return f.put("streams", streams)
                .put("bytes", expectedBytes)
                .put("received", receivedBytes)
                .put("lost", lost)
                .put("duplicated", duplicated)
                .put("corrupt", corrupt);
    }
}
