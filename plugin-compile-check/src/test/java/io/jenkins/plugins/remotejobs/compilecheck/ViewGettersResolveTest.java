package io.jenkins.plugins.remotejobs.compilecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Every {@code it.x} and {@code it.getX()} a view uses resolves to a public method of the view's
 * class (the folder a view sits in is named after its class), so a renamed getter cannot silently
 * empty a page.
 */
class ViewGettersResolveTest {

    private static final Pattern PROPERTY = Pattern.compile("\\bit\\.([a-zA-Z_][a-zA-Z0-9_]*)(\\s*\\()?");

    @Test
    void everyPropertyAViewReadsHasAPublicGetter() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path view : PluginFiles.resources(".jelly")) {
            Path rel = PluginFiles.RESOURCES.relativize(view);
            if (rel.getNameCount() < 2 || rel.startsWith("lib")) {
                continue; // tag files and index.jelly have no "it" of ours
            }
            String owner = rel.getParent().toString();
            ClassNode cls = PluginFiles.classNode(owner);
            if (cls == null) {
                continue; // a view of a Jenkins class (none today)
            }
            Matcher m = PROPERTY.matcher(Files.readString(view, StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(1);
                boolean call = m.group(2) != null;
                assertThat(hasPublicMethod(cls, call ? List.of(name) : getterNames(name)))
                        .as("%s uses it.%s%s, which %s does not offer", rel, name, call ? "()" : "", owner)
                        .isTrue();
                checked.add(rel + ":" + name);
            }
        }
        assertThat(checked).as("views that read properties").hasSizeGreaterThan(10);
    }

    private static List<String> getterNames(String property) {
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        return List.of("get" + cap, "is" + cap);
    }

    /** Looks through the class and its superclasses among ours. */
    private static boolean hasPublicMethod(ClassNode cls, List<String> names) {
        for (ClassNode c = cls; c != null; c = PluginFiles.classNode(c.superName)) {
            for (MethodNode method : c.methods) {
                if ((method.access & Opcodes.ACC_PUBLIC) != 0 && names.contains(method.name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
