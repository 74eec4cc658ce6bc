package io.jenkins.plugins.remotejobs.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./remote-jobs}: the local host's command line. */
@Command(
        name = "remote-jobs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "PowerShell-style remote background jobs, run on this machine with local agent JVMs.",
        subcommands = {RunCommand.class, AdoptCommand.class, BenchCommand.class})
public final class Main {

    /** The version from the jar's manifest (set by the build), or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"remote-jobs " + (v == null ? "(development build)" : v)};
        }
    }

    public static void main(String[] args) {
        // One line per message ("WARNING: agent-1 exited; ..."), not the JDK's two-line default.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        CommandLine cli = new CommandLine(new Main());
        System.exit(cli.execute(args));
    }
}
