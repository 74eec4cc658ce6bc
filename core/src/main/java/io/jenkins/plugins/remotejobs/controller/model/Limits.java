package io.jenkins.plugins.remotejobs.controller.model;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The limits both hosts share.
 *
 * @param textCapBytes most output a receive may hand back as text; above it the step fails, names
 *     {@code file:} and consumes nothing (default 10 MiB)
 * @param spoolCapBytes most output per stream of one job the controller spools (controller mode)
 * @param spoolCapPolicy what happens beyond the spool cap
 * @param retention how long a finished job whose output was all received stays in the table
 * @param unreceivedRetention how long a finished job whose output was not all received stays in the
 *     table (its output left on the controller's spool, or on its agent); zero for ever
 * @param lostAfter how long an agent may stay unreachable before its jobs are {@code Lost}; zero for never
 * @param readBudgetBytes most bytes one collection call brings from one agent
 * @param reconnectGrace how long an agent may be away before a wait gives up on its jobs (they are
 *     {@code Disconnected} meanwhile) and before a start on it fails; counted from the controller's
 *     own start at the earliest, so that agents have time to reconnect after a controller restart
 * @param spoolQuotaBytes most output the controller's spool holds for all jobs together; at the
 *     quota, collection pauses (the output waits on the agents) until removed jobs free room; zero
 *     for none
 */
public record Limits(
        long textCapBytes,
        long spoolCapBytes,
        SpoolCapPolicy spoolCapPolicy,
        Duration retention,
        Duration unreceivedRetention,
        Duration lostAfter,
        int readBudgetBytes,
        Duration reconnectGrace,
        long spoolQuotaBytes) {

    /** The default spool quota: room for a lot of unreceived output, short of filling a disk silently. */
    public static final long DEFAULT_SPOOL_QUOTA_BYTES = 16L << 30;

    /**
     * The default for output nobody received: long enough for a later build to come back for it,
     * short of letting abandoned output fill the spool's quota and pause collection for everyone.
     */
    public static final Duration DEFAULT_UNRECEIVED_RETENTION = Duration.ofDays(30);

    /** The default reconnect grace: long enough for an agent restart or a controller restart. */
    public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofMinutes(5);

    /** Beyond the spool cap: keep the first bytes and drop the rest, or also stop and fail the job. */
    public enum SpoolCapPolicy {
        TRUNCATE,
        FAIL
    }

    public static Limits defaults() {
        return new Limits(
                10L << 20,
                8L << 30,
                SpoolCapPolicy.TRUNCATE,
                Duration.ofDays(7),
                DEFAULT_UNRECEIVED_RETENTION,
                Duration.ZERO,
                8 << 20,
                DEFAULT_RECONNECT_GRACE,
                DEFAULT_SPOOL_QUOTA_BYTES);
    }

    public Limits withTextCap(long bytes) {
        return with(b -> b.textCapBytes = bytes);
    }

    public Limits withSpoolCap(long bytes, SpoolCapPolicy policy) {
        return with(b -> {
            b.spoolCapBytes = bytes;
            b.spoolCapPolicy = policy;
        });
    }

    /** How long finished jobs stay: all their output received ({@code received}), or not ({@code unreceived}; zero: for ever). */
    public Limits withRetention(Duration received, Duration unreceived) {
        return with(b -> {
            b.retention = received;
            b.unreceivedRetention = unreceived;
        });
    }

    public Limits withLostAfter(Duration value) {
        return with(b -> b.lostAfter = value);
    }

    public Limits withReconnectGrace(Duration value) {
        return with(b -> b.reconnectGrace = value.isNegative() ? Duration.ZERO : value);
    }

    public Limits withSpoolQuota(long bytes) {
        return with(b -> b.spoolQuotaBytes = bytes);
    }

    /** These limits with what {@code edit} sets on a copy of them, as {@link JobRecord#with} does. */
    private Limits with(Consumer<Builder> edit) {
        Builder builder = new Builder(this);
        edit.accept(builder);
        return builder.limits();
    }

    /** The limits as they are being changed. */
    private static final class Builder {
        long textCapBytes;
        long spoolCapBytes;
        SpoolCapPolicy spoolCapPolicy;
        Duration retention;
        Duration unreceivedRetention;
        Duration lostAfter;
        int readBudgetBytes;
        Duration reconnectGrace;
        long spoolQuotaBytes;

        Builder(Limits from) {
            textCapBytes = from.textCapBytes;
            spoolCapBytes = from.spoolCapBytes;
            spoolCapPolicy = from.spoolCapPolicy;
            retention = from.retention;
            unreceivedRetention = from.unreceivedRetention;
            lostAfter = from.lostAfter;
            readBudgetBytes = from.readBudgetBytes;
            reconnectGrace = from.reconnectGrace;
            spoolQuotaBytes = from.spoolQuotaBytes;
        }

        Limits limits() {
            return new Limits(
                    textCapBytes,
                    spoolCapBytes,
                    spoolCapPolicy,
                    retention,
                    unreceivedRetention,
                    lostAfter,
                    readBudgetBytes,
                    reconnectGrace,
                    spoolQuotaBytes);
        }
    }
}
