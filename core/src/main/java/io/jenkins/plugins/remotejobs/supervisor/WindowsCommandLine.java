package io.jenkins.plugins.remotejobs.supervisor;

import java.util.List;

/**
 * One Windows command line from an argument vector, quoted so that {@code CommandLineToArgvW} (and
 * the C runtime of {@code java.exe}) splits it back into exactly those arguments: an argument with
 * a space, a tab or a quote goes in quotes; backslashes are doubled where they precede a quote, the
 * closing one included; a quote in it is escaped. Needed where a whole command line is handed over
 * as one string ({@code Win32_Process.Create}), which the JDK's own quoting never reaches.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {}

    static String join(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (line.length() > 0) {
                line.append(' ');
            }
            append(line, arg);
        }
        return line.toString();
    }

    private static void append(StringBuilder line, String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            line.append(arg);
            return;
        }
        line.append('"');
        int backslashes = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                line.append("\\".repeat(backslashes * 2 + 1));
            } else {
                line.append("\\".repeat(backslashes));
            }
            backslashes = 0;
            line.append(c);
        }
        line.append("\\".repeat(backslashes * 2));
        line.append('"');
    }
}
