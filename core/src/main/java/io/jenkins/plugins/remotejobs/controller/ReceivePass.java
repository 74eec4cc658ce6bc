package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Receipt;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One pass of a receive over every child and stream: finds what is pending ({@link #plan}), checks
 * the text cap, then delivers and claims each piece ({@link #deliver}). Each piece is read first,
 * then claimed by a compare-and-set of its cursor, so concurrent receivers each get distinct pieces
 * and nothing is consumed that was not delivered.
 */
final class ReceivePass {

    /** Bytes per read: few enough round trips for a large output, little enough held at once. */
    static final int READ_SIZE = 4 << 20;

    private static final int CLAIM_ATTEMPTS = 5;

    private final JobManager manager;
    private final JobRecord job;
    private final ReceiveSpec spec;
    private final Receiving receiving;
    private final Delivery out;
    /** Whether what an earlier run of the call consumed ({@link Receiving#replays}) is planned already. */
    private boolean replayed;

    ReceivePass(Receiving receiving, Delivery out) {
        this.manager = receiving.manager();
        this.job = receiving.job();
        this.spec = receiving.spec();
        this.receiving = receiving;
        this.out = out;
    }

    /** Receives what is there now, given how much was received before; returns the bytes delivered. */
    long once(long alreadyReceived) throws IOException {
        List<JobRecord> children = children();
        return deliver(plan(children, sources(children), alreadyReceived));
    }

    /**
     * The pass when it needs no agent call (every source answers from the controller's spool);
     * empty when it does. What it consumes is committed to the job table, whose sync before the
     * text is handed out is the same group commit a start waits for.
     */
    Optional<Long> onlyIfLocal() throws IOException {
        List<JobRecord> children = children();
        List<OutputSource> sources = sources(children);
        // A call run again may have to ask an agent how far its consume got: not here.
        if (!receiving.replays().isEmpty() || !sources.stream().allMatch(s -> s.answersLocally(spec.streams()))) {
            return Optional.empty();
        }
        return Optional.of(deliver(plan(children, sources, 0)));
    }

    private List<JobRecord> children() {
        return manager.children(manager.table().get(job.id()).orElse(job));
    }

    private List<OutputSource> sources(List<JobRecord> children) {
        return children.stream().map(child -> OutputSource.of(manager, child)).toList();
    }

    /** What is pending in every child and stream, with as many of its first bytes as came along. */
    private List<Piece> plan(List<JobRecord> children, List<OutputSource> sources, long alreadyReceived)
            throws IOException {
        List<Piece> pieces = new ArrayList<>();
        long pending = 0;
        // Bytes that may come along with the ranges, over the whole pass: a parent's many children
        // never hold more than one read's worth at once. None where the file is copied on its node.
        int headBudget = out.readsHere() ? READ_SIZE : 0;
        List<StreamName> streams = spec.streams();
        for (int c = 0; c < children.size(); c++) {
            JobRecord child = children.get(c);
            long[] notBefore = new long[streams.size()];
            for (int i = 0; i < streams.size(); i++) {
                Piece earlier = out.claims.get(child.id() + "/" + streams.get(i));
                notBefore[i] = earlier == null ? 0 : earlier.to();
            }
            OutputSource source = sources.get(c);
            for (Piece again : replays(child, source, notBefore)) {
                pieces.add(again);
                pending += again.to() - again.from();
            }
            for (OutputSource.Pending p : source.pending(streams, notBefore, headBudget, !spec.keep())) {
                if (p.to() > p.from()) {
                    pieces.add(new Piece(child, source, p.stream(), p.from(), p.to(), p.head()));
                    pending += p.to() - p.from();
                    headBudget = Math.max(0, headBudget - p.head().length);
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
        replayed = true;
        return pieces;
    }

    /**
     * What an earlier run of this call consumed of {@code child}, to be handed out again, once per
     * pass (a file begun again gets it again); moves {@code notBefore} past it. A receipt whose
     * consume never reached the cursor (an agent's, recorded before the agent was asked) is not
     * replayed: those bytes are still unconsumed, and the receive claims them as usual.
     */
    private List<Piece> replays(JobRecord child, OutputSource source, long[] notBefore) throws IOException {
        Receipt receipt = receiving.replays().get(child.id());
        if (replayed || receipt == null) {
            return List.of();
        }
        List<Piece> again = new ArrayList<>();
        List<StreamName> streams = spec.streams();
        for (int i = 0; i < streams.size(); i++) {
            StreamName stream = streams.get(i);
            long from = receipt.from(stream);
            long to = receipt.to(stream);
            if (to > from && notBefore[i] < to && consumedUpTo(child, source, stream) >= to) {
                again.add(new Piece(child, source, stream, from, to, OutputSource.NO_BYTES, to));
                notBefore[i] = to;
            }
        }
        return again;
    }

    /** How far a stream is consumed: as the table knows it (which trails an agent's cursor), else as its source says. */
    private long consumedUpTo(JobRecord child, OutputSource source, StreamName stream) throws IOException {
        long known = manager.table().get(child.id()).orElse(child).consumed(stream);
        Receipt receipt = receiving.replays().get(child.id());
        return known >= receipt.to(stream) ? known : source.range(stream)[0];
    }

    private long deliver(List<Piece> pieces) throws IOException {
        long total = 0;
        JobRecord lastHeader = null;
        for (Piece piece : pieces) {
            if (job.isParent() && piece.child != lastHeader) {
                out.header("--- " + piece.child.node() + " (job " + piece.child.id() + ") ---\n");
                lastHeader = piece.child;
            }
            total += deliver(piece);
        }
        return total;
    }

    private long deliver(Piece piece) throws IOException {
        Charset charset = spec.charset() != null
                ? spec.charset()
                : piece.child.charset() != null ? Charset.forName(piece.child.charset()) : Charset.defaultCharset();
        long from = piece.from;
        long to = piece.to;
        byte[] head = piece.head;
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
                // The first bytes may have come with the range already: not read again.
                byte[] data = head.length > 0
                        ? head
                        : piece.source.read(piece.stream, offset, (int) Math.min(READ_SIZE, to - offset));
                head = OutputSource.NO_BYTES;
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
            if (text != null
                    && !piece.replayed()
                    && !piece.child.state().isFinished()
                    && charset.equals(StandardCharsets.UTF_8)) {
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
                            new Piece(
                                    piece.child,
                                    piece.source,
                                    piece.stream,
                                    from,
                                    to,
                                    OutputSource.NO_BYTES,
                                    piece.replayed() ? to : from),
                            Piece::followedBy);
                }
                claimed = true;
            } else {
                claimed = to == from
                        || piece.replayed()
                        || piece.source.commit(piece.stream, from, to, receiving.callId());
            }
            if (claimed) {
                if (!out.isFile() && to > from) {
                    out.ranges.add(new ReceiveResult.Range(piece.child.id(), piece.stream, from, to));
                }
                if (text != null) {
                    out.text(piece.child, piece.stream, from, text, charset);
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

    /**
     * One stream of one child, {@code [from, to)}, with the first bytes of it when they came along
     * with the range ({@link OutputSource.Pending#head}); consumed already up to {@code
     * consumedTo}: {@code from} for what is new, {@code to} for what is handed out again.
     */
    record Piece(
            JobRecord child, OutputSource source, StreamName stream, long from, long to, byte[] head, long consumedTo) {

        Piece(JobRecord child, OutputSource source, StreamName stream, long from, long to, byte[] head) {
            this(child, source, stream, from, to, head, from);
        }

        ReceiveResult.Range range() {
            return new ReceiveResult.Range(child.id(), stream, from, to);
        }

        /** Consumed by an earlier run of the call: handed out again, never claimed again. */
        boolean replayed() {
            return consumedTo >= to;
        }

        /** This piece with {@code next}, which begins where it ends, after it. */
        Piece followedBy(Piece next) {
            return new Piece(
                    child,
                    source,
                    stream,
                    from,
                    next.to,
                    OutputSource.NO_BYTES,
                    replayed() ? next.consumedTo : consumedTo);
        }
    }
}
