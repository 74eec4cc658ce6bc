package io.jenkins.plugins.remotejobs.compilecheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.steps.StepNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The plugin's steps are exactly the six of STEPS.md, and every argument STEPS.md lists has a
 * {@code @DataBoundSetter} (or constructor parameter) on its step and a help file beside it.
 */
class StepContractTest {

    private static final String DATA_BOUND_SETTER = "Lorg/kohsuke/stapler/DataBoundSetter;";
    private static final String DATA_BOUND_CONSTRUCTOR = "Lorg/kohsuke/stapler/DataBoundConstructor;";

    /**
     * Step class (internal name) by its function name, read from each descriptor's constructor,
     * which hands its function name (a constant) to the shared descriptor base.
     */
    static Map<String, String> stepsByFunctionName() {
        Map<String, String> steps = new LinkedHashMap<>();
        for (ClassNode cls : PluginFiles.pluginClasses()) {
            if (!cls.name.endsWith("Step$DescriptorImpl")) {
                continue;
            }
            for (MethodNode m : cls.methods) {
                if (m.name.equals("<init>")) {
                    for (AbstractInsnNode insn : m.instructions) {
                        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String name) {
                            steps.put(name, cls.name.substring(0, cls.name.length() - "$DescriptorImpl".length()));
                        }
                    }
                }
            }
        }
        return steps;
    }

    @Test
    void theStepsAreExactlyTheSixOfTheContract() {
        assertThat(stepsByFunctionName().keySet()).containsExactlyInAnyOrderElementsOf(StepNames.ALL);
    }

    @Test
    void everyArgumentHasASetterOrConstructorParameterAndAHelpFile() {
        List<String> missing = new ArrayList<>();
        stepsByFunctionName().forEach((step, cls) -> {
            for (String argument : StepNames.argumentsOf(step)) {
                if (!boundArguments(cls).contains(argument)) {
                    missing.add(step + "." + argument + ": no @DataBoundSetter or constructor parameter");
                }
                Path help = PluginFiles.RESOURCES.resolve(cls).resolve("help-" + argument + ".html");
                if (!Files.exists(help)) {
                    missing.add(step + "." + argument + ": no " + help);
                }
            }
            if (!Files.exists(PluginFiles.RESOURCES.resolve(cls).resolve("help.html"))) {
                missing.add(step + ": no help.html");
            }
            if (!Files.exists(PluginFiles.RESOURCES.resolve(cls).resolve("config.jelly"))) {
                missing.add(step + ": no config.jelly");
            }
        });
        assertThat(missing).isEmpty();
    }

    /** Argument names a step binds: its (and its superclasses') setters and constructor parameters. */
    private static List<String> boundArguments(String internalName) {
        List<String> names = new ArrayList<>();
        for (ClassNode c = PluginFiles.classNode(internalName); c != null; c = PluginFiles.classNode(c.superName)) {
            for (MethodNode m : c.methods) {
                if ((m.access & Opcodes.ACC_PUBLIC) == 0) {
                    continue;
                }
                if (has(m, DATA_BOUND_SETTER) && m.name.startsWith("set") && m.name.length() > 3) {
                    names.add(Character.toLowerCase(m.name.charAt(3)) + m.name.substring(4));
                }
                if (has(m, DATA_BOUND_CONSTRUCTOR) && m.parameters != null) {
                    m.parameters.forEach(p -> names.add(p.name));
                }
            }
        }
        return names;
    }

    private static boolean has(MethodNode m, String annotation) {
        List<AnnotationNode> all = new ArrayList<>();
        if (m.visibleAnnotations != null) {
            all.addAll(m.visibleAnnotations);
        }
        if (m.invisibleAnnotations != null) {
            all.addAll(m.invisibleAnnotations);
        }
        return all.stream().anyMatch(a -> a.desc.equals(annotation));
    }
}
