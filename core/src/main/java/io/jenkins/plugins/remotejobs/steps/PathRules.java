package io.jenkins.plugins.remotejobs.steps;

/**
 * Path shapes, judged as text: the validator runs on the controller and cannot know the agent's
 * operating system, so the rules accept only what is safe on every one of them.
 */
final class PathRules {

    private PathRules() {}

    /** Absolute on some system: {@code /x}, {@code \\server\share}, {@code C:\x} or {@code C:/x}. */
    static boolean looksAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\") || hasDrive(path) && isSeparator(path, 2);
    }

    /**
     * Why {@code path} cannot name a file inside the workspace, as a hint to append to the rule
     * (possibly empty), or {@code null} if it can. Backslashes are refused rather than read as
     * separators: on Linux they are ordinary name characters, so {@code ..\x} would mean different
     * files on different agents.
     */
    static String workspaceFileProblem(String path) {
        if (path.startsWith("/") || hasDrive(path)) {
            return "";
        }
        if (path.indexOf('\\') >= 0) {
            return " (separate folders with '/')";
        }
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                return "";
            }
        }
        String last = segments[segments.length - 1];
        if (last.isEmpty() || last.equals(".")) {
            return " (naming a file, not a folder)";
        }
        return null;
    }

    private static boolean hasDrive(String path) {
        return path.length() >= 2 && path.charAt(1) == ':' && isAsciiLetter(path.charAt(0));
    }

    private static boolean isSeparator(String path, int index) {
        return path.length() > index && (path.charAt(index) == '/' || path.charAt(index) == '\\');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
