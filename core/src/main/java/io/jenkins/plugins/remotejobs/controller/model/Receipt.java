package io.jenkins.plugins.remotejobs.controller.model;

import io.jenkins.plugins.remotejobs.protocol.StreamName;

/**
 * What the last consuming receive of a job took, by the call that took it: the host's durable
 * name for one call of a step ({@link io.jenkins.plugins.remotejobs.controller.host.Caller#callId}).
 * A call run again after a crash that lost its result (Pipeline resumes a step whose success it
 * had not saved yet) finds its receipt and is handed the same bytes again, which are still
 * there, instead of what is new, which may be nothing: the file it writes or the text it returns
 * is the same either way.
 *
 * <p>One range per stream: a call whose consumes are not contiguous (another receive took bytes
 * in between, while this one waited for more) keeps only its latest range.
 *
 * @param callId the call that consumed
 * @param stdoutFrom where its stdout range begins
 * @param stdoutTo where it ends; equal to {@code stdoutFrom} when it took none
 * @param stderrFrom the same for stderr
 * @param stderrTo the same for stderr
 */
public record Receipt(String callId, long stdoutFrom, long stdoutTo, long stderrFrom, long stderrTo) {

    /** Longer call ids are not kept: they come from the host, and a record's fields are bounded. */
    public static final int MAX_CALL_ID = 200;

    public long from(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutFrom : stderrFrom;
    }

    public long to(StreamName stream) {
        return stream == StreamName.STDOUT ? stdoutTo : stderrTo;
    }

    /**
     * The receipt once {@code callId} has consumed {@code [from, to)} of {@code stream} on top of
     * {@code last} (which may be {@code null}): that call's range grows when it goes on where it
     * ended; any other call's receipt is replaced.
     */
    public static Receipt after(Receipt last, String callId, StreamName stream, long from, long to) {
        boolean same = last != null && last.callId.equals(callId);
        long outFrom = same ? last.stdoutFrom : 0;
        long outTo = same ? last.stdoutTo : 0;
        long errFrom = same ? last.stderrFrom : 0;
        long errTo = same ? last.stderrTo : 0;
        if (stream == StreamName.STDOUT) {
            outFrom = same && outTo == from && outTo > outFrom ? outFrom : from;
            outTo = to;
        } else {
            errFrom = same && errTo == from && errTo > errFrom ? errFrom : from;
            errTo = to;
        }
        return new Receipt(callId, outFrom, outTo, errFrom, errTo);
    }

    /** The persisted form: the call id last, as it is the only part that is not a number. */
    public String encode() {
        return stdoutFrom + " " + stdoutTo + " " + stderrFrom + " " + stderrTo + " " + callId;
    }

    /** {@link #encode}d; {@code null} for a form it cannot read (nothing is replayed then). */
    public static Receipt decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split(" ", 5);
        try {
            Receipt r = new Receipt(
                    parts[4],
                    Long.parseLong(parts[0]),
                    Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
            return r.stdoutFrom >= 0 && r.stdoutTo >= r.stdoutFrom && r.stderrFrom >= 0 && r.stderrTo >= r.stderrFrom
                    ? r
                    : null;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }
}
