package io.jenkins.plugins.remotejobs.steps;

import java.util.Locale;

/**
 * {@code remoteJob}'s {@code script:}: the one text argument that spans lines and may be large, so
 * it has its own size limit (in bytes of UTF-8, what the agent stores) and points at the line of a
 * bad character instead of quoting it.
 */
final class ScriptArgument {

    private static final int MIB = 1024 * 1024;

    private ScriptArgument() {}

    /** The required script, non-blank and within {@link StepLimits#MAX_SCRIPT_BYTES}. */
    static String read(ArgumentReader args) {
        Object value = args.value("script", true);
        if (!(value instanceof CharSequence chars)) {
            throw args.wrongType("script", "the script's text", value);
        }
        String script = chars.toString();
        if (script.isBlank()) {
            throw args.fail("script", "argument 'script' must not be blank, got " + Values.quote(script));
        }
        long bytes = TextChecks.utf8Length(script);
        if (bytes > StepLimits.MAX_SCRIPT_BYTES) {
            throw args.fail(
                    "script",
                    String.format(
                            Locale.ROOT,
                            "argument 'script' must be at most %d MiB of UTF-8, got %d bytes (%.1f MiB);"
                                    + " copy a large script to the agent and run it from there",
                            StepLimits.MAX_SCRIPT_BYTES / MIB,
                            bytes,
                            bytes / (double) MIB));
        }
        int bad = TextChecks.firstForbidden(script, true);
        if (bad >= 0) {
            // Quoting the script's start would not show a character deep inside it: point at its line.
            throw args.fail(
                    "script",
                    "argument 'script' must not contain control characters other than tab and line breaks, got "
                            + TextChecks.describeForbidden(script, bad) + " on line "
                            + TextChecks.lineOf(script, bad));
        }
        return script;
    }
}
