package io.jenkins.plugins.remotejobs.controller.host;

import io.jenkins.plugins.remotejobs.util.NewFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The temporary sibling a {@code file:} receive writes before moving it into place, in every
 * workspace: {@code .receiving-CALL-NAME-RANDOM.tmp}, where CALL is a fixed-length tag of the step
 * call that writes it ({@code x} for none) and RANDOM has no dash. A file its writer could not delete (the node's channel closed under it) is removed by
 * the next attempt of the same call, which alone may write that name then: no other receive's
 * file under way is ever touched. Without a call (a host whose steps are never run again) nothing
 * is swept.
 */
public final class ReceivingFiles {

    private static final String SUFFIX = ".tmp";

    private ReceivingFiles() {}

    /**
     * A new empty temporary file for {@code target} in {@code dir}, after removing the ones an
     * earlier attempt of {@code callId} left there.
     */
    public static Path create(Path dir, String target, String callId) throws IOException {
        String prefix = prefix(target, callId);
        if (callId != null) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, p -> isLeftover(p, prefix))) {
                for (Path p : left) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return NewFiles.createUnique(dir, prefix, SUFFIX);
    }

    /** One of {@code prefix}'s own: not a file of a target whose name goes on past the prefix's. */
    private static boolean isLeftover(Path p, String prefix) {
        String name = p.getFileName().toString();
        return name.startsWith(prefix)
                && name.endsWith(SUFFIX)
                && name.indexOf('-', prefix.length()) < 0
                && Files.isRegularFile(p);
    }

    /** How the temporary files of {@code target} written under {@code callId} begin. */
    static String prefix(String target, String callId) {
        return ".receiving-" + (callId == null ? "x" : tag(callId)) + "-" + target + "-";
    }

    /** A short name for a call that is safe in any file name, whatever the call id holds. */
    private static String tag(String callId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
