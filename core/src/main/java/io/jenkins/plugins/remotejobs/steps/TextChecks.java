package io.jenkins.plugins.remotejobs.steps;

/** Character-level rules for text arguments, shared by names, paths and scripts. */
final class TextChecks {

    private TextChecks() {}

    /**
     * The index of the first char a text argument may not hold, or {@code -1}: control characters
     * (NUL above all, which no operating system passes through) and unpaired surrogates (which
     * would silently turn into {@code ?} when encoded). Scripts keep tab, line feed and carriage
     * return, since scripts written on Windows carry CRLF line ends.
     */
    static int firstForbidden(String text, boolean scriptWhitespace) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            } else if (Character.isISOControl(c) && !(scriptWhitespace && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with the char at {@code index}, as the end of a "must not contain" message. */
    static String describeForbidden(String text, int index) {
        char c = text.charAt(index);
        return Character.isSurrogate(c)
                ? String.format("an unpaired surrogate U+%04X", (int) c)
                : String.format("the control character U+%04X", (int) c);
    }

    /** The 1-based line of {@code index}, for pointing into a script. */
    static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The length of {@code text} in UTF-8, computed without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
