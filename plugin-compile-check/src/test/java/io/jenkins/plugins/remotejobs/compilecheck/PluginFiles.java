package io.jenkins.plugins.remotejobs.compilecheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * The plugin's sources, resources and compiled classes as files. Classes are read as bytes with ASM
 * and never loaded: the Jenkins API declarations they were compiled against must stay off every
 * run-time path.
 */
final class PluginFiles {

    static final Path RESOURCES = Path.of("..", "plugin", "src", "main", "resources");
    static final Path CLASSES = Path.of("target", "classes");

    private PluginFiles() {}

    static List<Path> resources(String suffix) {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled class with this internal name (a/b/C), or null when it is not one of ours. */
    static ClassNode classNode(String internalName) {
        Path file = CLASSES.resolve(internalName + ".class");
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every compiled class of the plugin (not core, not generated Messages). */
    static List<ClassNode> pluginClasses() {
        Path sources = Path.of("..", "plugin", "src", "main", "java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> sources.relativize(p).toString().replace(".java", ""))
                    .flatMap(name -> Stream.concat(Stream.of(name), nested(name)))
                    .map(PluginFiles::classNode)
                    .filter(n -> n != null)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> nested(String outer) {
        Path dir = CLASSES.resolve(outer).getParent();
        String prefix = Path.of(outer).getFileName() + "$";
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                    .map(n -> Path.of(outer)
                            .getParent()
                            .resolve(n.replace(".class", ""))
                            .toString())
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
