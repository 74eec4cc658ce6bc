package io.jenkins.plugins.remotejobs.local.agents;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An agent JVM's command line: {@code --name agent-1 --home /abs/home --root /abs/home/agents/agent-1/cache}.
 * The name and home are there so an operator can tell agents apart in {@code ps}; nothing secret is.
 */
record AgentOptions(String name, Path home, Path root) {

    static final String USAGE = "usage: AgentMain --name <agent-name> --home <absolute dir> --root <absolute dir>"
            + " (the run's secret is read from standard input)";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** @throws IllegalArgumentException naming what is wrong */
    static AgentOptions parse(String... args) {
        String name = null;
        Path home = null;
        Path root = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--name" -> name = requireValidName(value);
                case "--home" -> home = absolute("--home", value);
                case "--root" -> root = absolute("--root", value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (name == null || home == null || root == null) {
            throw new IllegalArgumentException("--name, --home and --root are all required");
        }
        return new AgentOptions(name, home, root);
    }

    /** Agent names become directory names, so only a plain, short word is accepted. */
    static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid agent name " + name
                    + ": use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    private static Path absolute(String option, String value) {
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(option + " must be an absolute path: " + value);
        }
        return path.normalize();
    }
}
