package io.jenkins.plugins.remotejobs.protocol;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Instance ids: UUIDs the engine generates (random, or derived from what names a start durably),
 * in canonical lower-case form. Only a string of
 * that exact shape ever becomes a directory name, so no id can name a path outside the cache.
 */
public final class JobIds {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private JobIds() {}

    public static String newInstanceId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The instance id of {@code parent}'s child on {@code node}: derived, not random, so a start
     * replayed under the same parent id (its records lost, say to a power loss) sends the very
     * launches again, which the agents adopt, and never launches a child twice.
     */
    public static String childInstanceId(String parent, String node) {
        return UUID.nameUUIDFromBytes(("remote-jobs child " + parent + " on " + node).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** An instance id derived from {@code key}, durable state that names one start (a build's step). */
    public static String instanceIdOf(String key) {
        return UUID.nameUUIDFromBytes(("remote-jobs start " + key).getBytes(StandardCharsets.UTF_8))
                .toString();
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
