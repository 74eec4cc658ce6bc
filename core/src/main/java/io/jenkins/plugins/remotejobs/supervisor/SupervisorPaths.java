package io.jenkins.plugins.remotejobs.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a cache's supervisor keeps its lock, log, jar and socket: {@code <cache>/.supervisor/}
 * (a name no job directory can have). A Unix socket's path is limited to about a hundred bytes, so
 * for a deep cache the socket moves to a directory of its own under the temporary directory, named
 * after the cache; both ends work the path out the same way.
 */
public final class SupervisorPaths {

    /** Below the shortest limit of the platforms (Linux 108 bytes with the NUL, Windows the same). */
    private static final int MAX_SOCKET_PATH_BYTES = 100;

    private SupervisorPaths() {}

    public static Path directory(Path cacheRoot) {
        return cacheRoot.resolve(".supervisor");
    }

    /** {@link #directory}, made private to this user if it is not yet. */
    static Path ensureDirectory(Path cacheRoot) throws IOException {
        return privateDirectory(directory(cacheRoot));
    }

    /** The socket's path; its directory is made (private to this user where the OS has modes). */
    public static Path socket(Path cacheRoot) throws IOException {
        Path inCache = directory(cacheRoot).resolve("socket");
        if (inCache.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return ensureDirectory(cacheRoot).resolve("socket");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "remote-jobs-" + hash(cacheRoot));
        return privateDirectory(dir).resolve("socket");
    }

    private static Path privateDirectory(Path dir) throws IOException {
        if (Platform.isWindows()) {
            return Files.createDirectories(dir);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String owner = Files.getOwner(dir).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " belongs to " + owner + ", not to " + System.getProperty("user.name")
                    + ": the job supervisor keeps its socket only in a directory of its own user");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    static String hash(Path cacheRoot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(cacheRoot.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
