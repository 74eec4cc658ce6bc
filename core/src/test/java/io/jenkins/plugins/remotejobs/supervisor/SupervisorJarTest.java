package io.jenkins.plugins.remotejobs.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("windows")
class SupervisorJarTest {

    /** Used by the agent side only: they need not be in the supervisor's jar. */
    private static final List<String> AGENT_SIDE = List.of(
            "supervisor/SupervisorConnection", "supervisor/SupervisorConnection$SupervisorRefusal",
            "supervisor/SupervisorJar", "supervisor/package-info");

    @TempDir
    Path cache;

    @Test
    void theJarHoldsEveryClassOfThePackageThatTheSupervisorRunsAndTheFileHelpersItUses() throws IOException {
        Path classes = Path.of(JobSupervisor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        Path root = classes.resolve("io/jenkins/plugins/remotejobs");
        List<String> built;
        try (Stream<Path> files = Files.list(root.resolve("supervisor"))) {
            built = files.map(f -> "supervisor/" + f.getFileName().toString().replace(".class", ""))
                    .filter(name -> !AGENT_SIDE.contains(name))
                    .toList();
        }

        assertThat(SupervisorJar.CLASSES).containsAll(built);
        assertThat(SupervisorJar.CLASSES.stream().filter(c -> c.startsWith("supervisor/")))
                .containsExactlyInAnyOrderElementsOf(built);
        try (Stream<Path> util = Files.list(root.resolve("util"))) {
            assertThat(util.map(f -> "util/" + f.getFileName().toString().replace(".class", ""))
                            .filter(n -> n.startsWith("util/AtomicFiles") || n.startsWith("util/Fsync")))
                    .containsExactlyInAnyOrderElementsOf(SupervisorJar.CLASSES.stream()
                            .filter(c -> c.startsWith("util/"))
                            .toList());
        }
    }

    @Test
    void theJarIsNamedAfterItsContentAndWrittenOnce() throws IOException {
        Path first = SupervisorJar.write(cache);
        long written = Files.getLastModifiedTime(first).toMillis();
        Path second = SupervisorJar.write(cache);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(written);
        assertThat(first.getFileName().toString()).matches("supervisor-[0-9a-f]{16}\\.jar");
        try (JarFile jar = new JarFile(first.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .hasSameSizeAs(SupervisorJar.CLASSES)
                    .contains("io/jenkins/plugins/remotejobs/supervisor/JobSupervisor.class");
        }
    }
}
