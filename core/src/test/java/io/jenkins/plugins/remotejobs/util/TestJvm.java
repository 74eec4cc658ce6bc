package io.jenkins.plugins.remotejobs.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM of its own on this test run's class path, for the tests whose subject
 * is a process: one killed, one that must not share the test's JVM, or one watched from outside.
 */
public final class TestJvm {

    private TestJvm() {}

    /** {@code java -cp CLASSPATH main arguments…} */
    public static List<String> command(Class<?> main, String... arguments) {
        return command(List.of(), main, arguments);
    }

    /** The same, with JVM {@code options} before the class path. */
    public static List<String> command(List<String> options, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /** This JVM's own {@code java} launcher. */
    private static String java() {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString();
    }
}
