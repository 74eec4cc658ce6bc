package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import java.nio.charset.Charset;

/**
 * The trust boundary for what an agent reports about a job, before any of it is recorded: every
 * text is bounded, a charset must be one this JVM knows, so that one broken or hostile agent can
 * neither make the job table unwritable (its journal holds each value in at most 64 KiB) nor flood
 * the pages that show it. What the agent cannot know better than the controller (name, command)
 * the controller keeps from its own record anyway.
 */
public final class AgentValues {

    /** Longest reason kept: ample for any message the job cache writes. */
    public static final int MAX_REASON_CHARS = 2_000;

    /** Longest charset name accepted (IANA names are far shorter). */
    static final int MAX_CHARSET_CHARS = 64;

    private AgentValues() {}

    /** The status with its texts bounded and its charset checked; the same object when all is well. */
    static JobStatus bounded(JobStatus s) {
        String charset = charset(s.charset());
        String reason = reason(s.reason());
        String name = cut(s.name(), MAX_REASON_CHARS);
        String command = cut(s.command(), MAX_REASON_CHARS);
        if (charset == s.charset() && reason == s.reason() && name == s.name() && command == s.command()) {
            return s;
        }
        return s.withTexts(name, command, reason, charset);
    }

    /** A charset this JVM can decode with, or {@code null} (the default applies) for anything else. */
    static String charset(String name) {
        if (name == null || name.length() > MAX_CHARSET_CHARS) {
            return null;
        }
        try {
            return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
            return null; // not even a legal charset name
        }
    }

    static String reason(String reason) {
        return cut(reason, MAX_REASON_CHARS);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max
                ? text
                : text.substring(0, max) + " [cut at " + max + " characters]";
    }
}
