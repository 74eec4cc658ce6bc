package io.jenkins.plugins.remotejobs.steps;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/**
 * The kinds of one-line text the steps take. Every kind is non-blank, bounded, and free of control
 * characters; some add a rule of their own ({@link #problem}).
 */
enum TextKind {
    NAME("a job name", StepLimits.MAX_NAME_LENGTH),
    NAME_PATTERN("a job name, or a pattern with * and ?", StepLimits.MAX_NAME_LENGTH),
    NODE("a node name", StepLimits.MAX_NAME_LENGTH),
    LABEL("a label expression", StepLimits.MAX_NAME_LENGTH),
    /**
     * Absolute only: a job runs outside any workspace, so a relative directory would silently depend
     * on where the agent process happened to start. Refusing it now leaves room to give it a meaning
     * later without breaking scripts.
     */
    DIRECTORY(
            "an absolute directory path on the agent, such as '/srv/build' or 'C:\\build'",
            StepLimits.MAX_PATH_LENGTH) {
        @Override
        String problem(String text) {
            return PathRules.looksAbsolute(text) ? null : "";
        }
    },
    WORKSPACE_FILE("a relative path inside the workspace without '..'", StepLimits.MAX_PATH_LENGTH) {
        @Override
        String problem(String text) {
            return PathRules.workspaceFileProblem(text);
        }
    },
    CHARSET("a character set this Java supports, such as 'UTF-8' or 'windows-1252'", 100) {
        @Override
        String problem(String text) {
            try {
                return Charset.isSupported(text) ? null : "";
            } catch (IllegalCharsetNameException e) {
                return "";
            }
        }
    };

    private final String description;
    private final int maxLength;

    TextKind(String description, int maxLength) {
        this.description = description;
        this.maxLength = maxLength;
    }

    /** What the argument must be, completing "must be ...". */
    String description() {
        return description;
    }

    int maxLength() {
        return maxLength;
    }

    /**
     * Checks the kind's own rule on text already known to be non-blank, bounded and printable:
     * {@code null} when it holds, else a hint to append to the description (often empty).
     */
    String problem(String text) {
        return null;
    }
}
