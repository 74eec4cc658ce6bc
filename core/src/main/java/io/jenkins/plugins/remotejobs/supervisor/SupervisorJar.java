package io.jenkins.plugins.remotejobs.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The supervisor's classes as a jar in the cache, for a JVM started on its own: on a Jenkins agent
 * the plugin's classes come over the remoting channel and exist in no file. Read through this
 * class's loader, so it works wherever the agent code runs. Named after its content, so an agent
 * of another version writes a jar of its own beside it.
 */
public final class SupervisorJar {

    /** Every class the supervisor loads; {@code SupervisorJarTest} checks the list against the build. */
    static final List<String> CLASSES = List.of(
            "supervisor/JobSupervisor",
            "supervisor/LaunchOrder",
            "supervisor/Platform",
            "supervisor/Platform$Spawn",
            "supervisor/PosixPlatform",
            "supervisor/ProcStat",
            "supervisor/ProcessSnapshot",
            "supervisor/SupervisedJob",
            "supervisor/SupervisorPaths",
            "supervisor/WindowsCommandLine",
            "supervisor/WindowsPlatform",
            "util/AtomicFiles",
            "util/AtomicFiles$1",
            "util/Fsync");

    private static final String PACKAGE_ROOT = "io/jenkins/plugins/remotejobs/";

    private SupervisorJar() {}

    /** The jar in {@code <cache>/.supervisor/}, written if this version's is not there yet. */
    public static Path write(Path cacheRoot) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : CLASSES) {
            String resource = PACKAGE_ROOT + name + ".class";
            try (InputStream in = SupervisorJar.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("the job supervisor's class " + resource + " is missing from this agent");
                }
                classes.put(resource, in.readAllBytes());
            }
        }
        Path dir = SupervisorPaths.ensureDirectory(cacheRoot);
        Path jar = dir.resolve("supervisor-" + digest(classes) + ".jar");
        if (Files.exists(jar)) {
            return jar;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                JarEntry entry = new JarEntry(c.getKey());
                entry.setTime(0); // the same classes make the same bytes
                out.putNextEntry(entry);
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        Path tmp = Files.createTempFile(dir, "supervisor-", ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    private static String digest(Map<String, byte[]> classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
