package io.jenkins.plugins.remotejobs.protocol;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Instance ids: random UUIDs the engine generates, in canonical lower-case form. Only a string of
 * that exact shape ever becomes a directory name, so no id can name a path outside the cache.
 */
public final class JobIds {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private JobIds() {}

    public static String newInstanceId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String instanceId) {
        return instanceId != null && CANONICAL.matcher(instanceId).matches();
    }

    /** Returns the id when it is valid, else throws a {@link JobCacheException} naming the rule. */
    public static String requireValid(String instanceId) throws JobCacheException {
        if (!isValid(instanceId)) {
            throw new JobCacheException(
                    JobCacheException.Kind.INVALID_ID,
                    "invalid job instance id " + quoteShort(instanceId)
                            + ": expected a lower-case UUID such as 3f2c9a4e-0c1b-4d7e-9a51-2b6f8e0d7c44");
        }
        return instanceId;
    }

    /** A printable, bounded rendering of untrusted text for error messages. */
    public static String quoteShort(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("'");
        int max = Math.min(text.length(), 60);
        for (int i = 0; i < max; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (text.length() > max) {
            b.append("...(").append(text.length()).append(" chars)");
        }
        return b.append('\'').toString();
    }
}
