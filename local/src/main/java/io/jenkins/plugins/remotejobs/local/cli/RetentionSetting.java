package io.jenkins.plugins.remotejobs.local.cli;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The unreceived retention a home's commands use, kept in {@code <home>/settings.properties}.
 * Opening a home applies retention at once, so a command run without {@code --unreceived-retention}
 * must apply the value the home's earlier commands chose, not the default: else forgetting the
 * option once would remove the old unreceived jobs a home keeps for ever.
 */
final class RetentionSetting {

    static final String FILE = "settings.properties";
    static final String KEY = "unreceived-retention-days";
    static final long DEFAULT_DAYS = Limits.DEFAULT_UNRECEIVED_RETENTION.toDays();
    static final long MAX_DAYS = 36_500;

    /** The stored value cannot be used; the message names the file and what it may hold. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private RetentionSetting() {}

    static boolean inRange(long days) {
        return days >= 0 && days <= MAX_DAYS;
    }

    /** The days stored in {@code home}, or {@link #DEFAULT_DAYS} when it stores none. */
    static long stored(Path home) throws Unusable {
        Path file = home.resolve(FILE);
        Properties p;
        try {
            p = AtomicFiles.readProperties(file);
        } catch (IOException | IllegalArgumentException e) { // IllegalArgument: a malformed Unicode escape
            throw new Unusable(file + " cannot be read (" + e.getMessage() + ")" + remedy());
        }
        if (p == null) {
            return DEFAULT_DAYS;
        }
        String value = p.getProperty(KEY);
        try {
            long days = Long.parseLong(value == null ? "" : value.trim());
            if (inRange(days)) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below, as for a value out of range
        }
        String found = value == null ? "no " + KEY : KEY + "=" + value;
        throw new Unusable(file + " holds " + found + ": it must be a whole number of days from 0 (for ever) to "
                + MAX_DAYS + remedy());
    }

    private static String remedy() {
        return "; correct it, or give --unreceived-retention DAYS to replace it";
    }

    /** Makes {@code days} what the home's later commands use when they are not told. */
    static void store(Path home, long days) throws IOException {
        Properties p = new Properties();
        p.setProperty(KEY, Long.toString(days));
        AtomicFiles.writeProperties(home.resolve(FILE), p);
    }
}
