package io.jenkins.plugins.remotejobs.steps;

/**
 * The bounds the validator enforces, public so help texts and form checks quote the same numbers.
 * Every string a user passes is bounded so that a mistaken or hostile argument cannot grow the job
 * table, the build log or an error message without limit.
 */
public final class StepLimits {

    /** The longest timeout any step accepts: one year (365 days) in seconds. */
    public static final long MAX_TIMEOUT_SECONDS = 31_536_000L;

    /** How many children of a multi-node job may start at once, at most. */
    public static final int MAX_THROTTLE = 1000;

    /** The default number of children started at once, as PowerShell's {@code ThrottleLimit}. */
    public static final int DEFAULT_THROTTLE = 32;

    /** The largest script, in bytes of UTF-8 (16 MiB). */
    public static final int MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

    /** The longest job name, name pattern, node name or label expression, in UTF-16 chars. */
    public static final int MAX_NAME_LENGTH = 1000;

    /** The longest path ({@code dir}, {@code file}), in UTF-16 chars: Linux's {@code PATH_MAX}. */
    public static final int MAX_PATH_LENGTH = 4096;

    private StepLimits() {}
}
