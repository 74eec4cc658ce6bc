package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.Futures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code receiveJob}: hands a job's unconsumed output back as text or into a workspace file, and
 * consumes it unless {@code keep}. Each piece (one stream of one child) is read first, then claimed
 * by a compare-and-set of its cursor, so concurrent receivers each get distinct pieces and nothing
 * is consumed that was not delivered. Text above the cap fails before anything is consumed.
 */
public final class JobReceiver {

    /** Bytes per read: few enough round trips for a large output, little enough held at once. */
    private static final int READ_SIZE = 4 << 20;

    private static final int CLAIM_ATTEMPTS = 5;

    private final JobManager manager;

    JobReceiver(JobManager manager) {
        this.manager = manager;
    }

    /**
     * Receives what is new (or, with {@code wait}, everything until the job ends).
     *
     * @throws JobException for an unreachable agent holding kept output, text above the cap, or a
     *     receive that lost a race with another one
     * @throws InterruptedException when a waiting receive is aborted
     */
    public ReceiveResult receive(JobRecord job, ReceiveSpec spec, Caller caller) throws InterruptedException {
        return Futures.join(receiveAsync(job, spec, caller));
    }

    /**
     * {@link #receive} without a thread of its own while it waits ({@link Waits}): a receive
     * without {@code wait} is done when this returns; one with {@code wait} completes the future
     * when the job ended. Cancelling the future ends the wait; nothing more is consumed then.
     */
    public CompletableFuture<ReceiveResult> receiveAsync(JobRecord job, ReceiveSpec spec, Caller caller) {
        Delivery out;
        try {
            out = spec.file() != null
                    ? Delivery.toFile(caller.workspace(), spec.file(), job)
                    : spec.logOnly() ? Delivery.toLogOnly() : Delivery.toText();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!spec.waitForEnd()) {
            try (out) {
                return CompletableFuture.completedFuture(
                        finish(job, spec, caller, out, receiveOnce(job, spec, caller, out, 0)));
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(userFacing(e, out, spec));
            }
        }
        ReceiveUntilEnd until = new ReceiveUntilEnd(
                manager, job, spec, caller, (already) -> receiveOnce(job, spec, caller, out, already));
        return Futures.then(manager.waits().start(until::round), (bytes, failure) -> {
            try (out) {
                if (failure != null) {
                    throw userFacing(failure, out, spec);
                }
                return finish(job, spec, caller, out, bytes);
            } catch (IOException e) {
                throw userFacing(e, out, spec);
            }
        });
    }

    /** Puts the output in place, then consumes what was delivered (unless {@code keep}). */
    private ReceiveResult finish(JobRecord job, ReceiveSpec spec, Caller caller, Delivery out, long bytes)
            throws IOException {
        out.finish();
        // A file is in place before its output counts as consumed: after a crash in between, the
        // retry writes the same bytes again into a replaced file, so the file is exact either way.
        for (Piece claim : out.claims.values()) {
            if (!spec.keep() && !claim.source.commit(claim.stream, claim.from, claim.to)) {
                throw new JobException("receiveJob: another receive consumed output of job " + claim.child.id()
                        + " at the same time; " + spec.file() + " holds output that was also received there");
            }
            if (out.isFile()) {
                out.ranges.add(claim.range());
            }
        }
        if (!spec.keep()) {
            // What was consumed stays consumed through a power loss before it is handed out, so
            // that it is never handed out twice (an agent's cursor is synced on the agent).
            manager.table().syncBeforeHandingOut("receiveJob", caller.log());
        }
        if (spec.file() != null && !spec.quiet()) {
            caller.log().println("receiveJob: wrote " + bytes + " bytes of job " + job.id() + " to " + spec.file());
        }
        if (spec.autoRemove() && spec.waitForEnd()) {
            manager.table().get(job.id()).ifPresent(r -> manager.control().remove(r, false));
        }
        return new ReceiveResult(out.text(), bytes, out.ranges);
    }

    /** A failure as the step reports it: named by the step, saying truthfully what was consumed. */
    private static RuntimeException userFacing(Throwable failure, Delivery out, ReceiveSpec spec) {
        Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (e instanceof AgentUnreachableException) {
            return new JobException("receiveJob: " + e.getMessage() + "; " + consumedSoFar(out, spec));
        }
        if (e instanceof JobException) {
            // Every failure of the step names it, as the argument errors do.
            return e.getMessage().startsWith("receiveJob: ")
                    ? (JobException) e
                    : new JobException("receiveJob: " + e.getMessage());
        }
        if (e instanceof IOException) {
            return new JobException("receiveJob: " + e.getMessage());
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(e);
    }

    /** What a receive that fails part-way has consumed: said truthfully, in bytes. */
    private static String consumedSoFar(Delivery out, ReceiveSpec spec) {
        long consumed = spec.keep() || out.isFile()
                ? 0 // kept output is never consumed; a file's output only once the file is in place
                : out.ranges.stream().mapToLong(r -> r.to() - r.from()).sum();
        return consumed == 0
                ? "nothing was consumed"
                : consumed + " bytes were received (into the build log) and consumed before; nothing more was";
    }

    /**
     * Reads output without consuming it, from any offset (for viewers such as a UI page): from the
     * controller's spool, or from the agent for a job kept there.
     *
     * @throws JobException when the job keeps its output on an agent that cannot be reached
     */
    public byte[] peek(JobRecord child, StreamName stream, long offset, int max) throws IOException {
        return OutputSource.of(manager, child).read(stream, offset, max);
    }

    /** One pass over every child and stream: read, cap-check, deliver and claim what is there now. */
    private long receiveOnce(JobRecord job, ReceiveSpec spec, Caller caller, Delivery out, long alreadyReceived)
            throws IOException {
        List<JobRecord> children =
                manager.children(manager.table().get(job.id()).orElse(job));
        List<Piece> pieces = new ArrayList<>();
        long pending = 0;
        for (JobRecord child : children) {
            OutputSource source = OutputSource.of(manager, child);
            for (StreamName stream : spec.streams()) {
                long[] range = source.range(stream);
                Piece earlier = out.claims.get(child.id() + "/" + stream);
                if (earlier != null) {
                    range[0] = Math.max(range[0], earlier.to);
                }
                if (range[1] > range[0]) {
                    pieces.add(new Piece(child, source, stream, range[0], range[1]));
                    pending += range[1] - range[0];
                }
            }
        }
        if (spec.file() == null
                && !spec.logOnly()
                && alreadyReceived + pending > manager.limits().textCapBytes()) {
            throw new JobException(
                    "receiveJob: job " + job.id() + " has " + (alreadyReceived + pending)
                            + " bytes of output, above the limit of "
                            + manager.limits().textCapBytes()
                            + " bytes for text; receive it into a workspace file with file: instead (nothing more was consumed)");
        }
        long total = 0;
        JobRecord lastHeader = null;
        for (Piece piece : pieces) {
            if (job.isParent() && piece.child != lastHeader) {
                out.header("--- " + piece.child.node() + " (job " + piece.child.id() + ") ---\n", spec, caller);
                lastHeader = piece.child;
            }
            total += deliver(piece, spec, caller, out);
        }
        return total;
    }

    private long deliver(Piece piece, ReceiveSpec spec, Caller caller, Delivery out) throws IOException {
        Charset charset = spec.charset() != null
                ? spec.charset()
                : piece.child.charset() != null ? Charset.forName(piece.child.charset()) : Charset.defaultCharset();
        long from = piece.from;
        long to = piece.to;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            ByteArrayOutputStream staged = out.isFile() ? null : new ByteArrayOutputStream();
            long offset = from;
            // Copied where the file is, the bytes are never read here; what is claimed is the same.
            long copied = out.copyWhereTheFileIs(piece, from, to);
            if (copied >= 0) {
                to = from + copied;
                offset = to;
            }
            while (offset < to) {
                byte[] data = piece.source.read(piece.stream, offset, (int) Math.min(READ_SIZE, to - offset));
                if (data.length == 0) {
                    to = offset;
                    break;
                }
                if (staged != null) {
                    staged.write(data);
                } else {
                    out.bytes(data);
                }
                offset += data.length;
            }
            byte[] text = staged == null ? null : staged.toByteArray();
            if (text != null && !piece.child.state().isFinished() && charset.equals(StandardCharsets.UTF_8)) {
                // A running job may be mid-character: leave the partial sequence for the next receive.
                int partial = incompleteUtf8Tail(text);
                text = Arrays.copyOf(text, text.length - partial);
                to -= partial;
            }
            boolean claimed;
            if (out.isFile() || spec.keep()) {
                if (to > from) {
                    out.claims.merge(
                            piece.child.id() + "/" + piece.stream,
                            new Piece(piece.child, piece.source, piece.stream, from, to),
                            (a, b) -> new Piece(a.child, a.source, a.stream, a.from, b.to));
                }
                claimed = true;
            } else {
                claimed = to == from || piece.source.commit(piece.stream, from, to);
            }
            if (claimed) {
                if (!out.isFile() && to > from) {
                    out.ranges.add(new ReceiveResult.Range(piece.child.id(), piece.stream, from, to));
                }
                if (text != null) {
                    out.text(piece.child, piece.stream, from, text, charset, spec, caller);
                }
                return to - from;
            }
            // Another receive took that range: claim what is new instead, but no more bytes than
            // the cap check counted for this piece (the job may have written far more meanwhile).
            long[] range = piece.source.range(piece.stream);
            from = range[0];
            to = Math.min(range[1], from + (piece.to - piece.from));
            if (to <= from) {
                return 0;
            }
        }
        // Every lost claim means another receive took those bytes: what was new went to others.
        return 0;
    }

    /** How many bytes at the end of {@code b} begin a UTF-8 sequence that is not complete yet. */
    static int incompleteUtf8Tail(byte[] b) {
        for (int back = 1; back <= Math.min(4, b.length); back++) {
            int lead = b[b.length - back] & 0xff;
            if ((lead & 0xc0) == 0x80) {
                continue; // a continuation byte: keep looking for its lead
            }
            int needed = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
            return back < needed ? back : 0;
        }
        return 0;
    }

    record Piece(JobRecord child, OutputSource source, StreamName stream, long from, long to) {
        ReceiveResult.Range range() {
            return new ReceiveResult.Range(child.id(), stream, from, to);
        }
    }
}
