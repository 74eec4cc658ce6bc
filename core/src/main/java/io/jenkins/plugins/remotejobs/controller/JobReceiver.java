package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.WorkspaceUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.AgentUnreachableException;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveResult;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.Futures;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code receiveJob}: hands a job's unconsumed output back as text or into a workspace file, and
 * consumes it unless {@code keep}, in passes over every child and stream ({@link ReceivePass}).
 * Text above the cap fails before anything is consumed.
 */
public final class JobReceiver {

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
     * when the job ended. Cancelling the future ends the wait; nothing more is consumed then. A job
     * whose launch is on its way ({@link JobStarter#startWithoutWaiting}) is received once its agent
     * has it; one that never launched fails the receive as it would have failed {@code remoteJob}.
     */
    public CompletableFuture<ReceiveResult> receiveAsync(JobRecord job, ReceiveSpec spec, Caller caller) {
        CompletableFuture<Void> settled = manager.starter().launchesSettled(job);
        return settled.isDone()
                ? receiveLaunched(job, spec, caller)
                : Futures.afterwards(settled, () -> receiveLaunched(job, spec, caller));
    }

    private CompletableFuture<ReceiveResult> receiveLaunched(JobRecord recorded, ReceiveSpec spec, Caller caller) {
        try {
            manager.control().requireLaunched("receiveJob", recorded);
        } catch (JobException e) {
            return CompletableFuture.failedFuture(e);
        }
        JobRecord job = manager.table().get(recorded.id()).orElse(recorded);
        Receiving receiving = Receiving.of(manager, job, spec, caller);
        if (!spec.waitForEnd()) {
            try (Delivery out = Delivery.of(receiving)) {
                try {
                    return CompletableFuture.completedFuture(
                            finish(receiving, out, new ReceivePass(receiving, out).once(0)));
                } catch (IOException | RuntimeException e) {
                    return CompletableFuture.failedFuture(userFacing(e, out, spec));
                }
            } catch (WorkspaceUnreachableException e) {
                return CompletableFuture.failedFuture(cannotWrite(spec, e));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        ReceiveUntilEnd until;
        try {
            until = new ReceiveUntilEnd(receiving);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return Futures.then(manager.waits().start(until::round), (bytes, failure) -> {
            try (until) {
                Delivery out = until.delivery();
                if (failure != null) {
                    throw userFacing(failure, out, spec);
                }
                return finish(receiving, out, bytes);
            } catch (IOException e) {
                throw userFacing(e, until.delivery(), spec);
            }
        });
    }

    /** A file whose workspace is away when a receive that does not wait begins: nothing was read. */
    private static JobException cannotWrite(ReceiveSpec spec, WorkspaceUnreachableException e) {
        return new JobException(
                "receiveJob: cannot write '" + spec.file() + "': " + e.getMessage() + "; nothing was consumed");
    }

    /**
     * The receive's result when it needs no agent call: a receive without {@code wait} into text
     * (or the log) of output all in the controller's spool; empty when it would need one. It reads
     * the spool, on this machine, and what it consumes waits for the job table's sync (the group
     * commit a start waits for too): a caller that must not wait for an agent can use it.
     *
     * @throws JobException for text above the cap, or a failure to read the spool, said as the
     *     step's
     */
    public Optional<ReceiveResult> receivedLocally(JobRecord job, ReceiveSpec spec, Caller caller) {
        if (spec.waitForEnd() || spec.file() != null) {
            return Optional.empty();
        }
        Receiving receiving = Receiving.of(manager, job, spec, caller);
        Delivery delivery = null;
        try (Delivery out = Delivery.of(receiving)) {
            delivery = out;
            Optional<Long> bytes = new ReceivePass(receiving, out).onlyIfLocal();
            return bytes.isEmpty() ? Optional.empty() : Optional.of(finish(receiving, out, bytes.get()));
        } catch (IOException | RuntimeException e) {
            throw userFacing(e, delivery, spec);
        }
    }

    /** Puts the output in place, then consumes what was delivered (unless {@code keep}). */
    private ReceiveResult finish(Receiving receiving, Delivery out, long bytes) throws IOException {
        JobRecord job = receiving.job();
        ReceiveSpec spec = receiving.spec();
        Caller caller = receiving.caller();
        out.finish();
        // A file is in place before its output counts as consumed: after a crash in between, the
        // retry writes the same bytes again into a replaced file, so the file is exact either way.
        for (ReceivePass.Piece claim : out.claims.values()) {
            if (!spec.keep()
                    && !claim.replayed()
                    && !claim.source().commit(claim.stream(), claim.consumedTo(), claim.to(), receiving.callId())) {
                throw new JobException("receiveJob: another receive consumed output of job "
                        + claim.child().id() + " at the same time; " + spec.file()
                        + " holds output that was also received there");
            }
            if (out.isFile()) {
                out.ranges.add(claim.range());
            }
        }
        if (!spec.keep() && !out.ranges.isEmpty()) {
            // What was consumed stays consumed through a power loss before it is handed out, so
            // that it is never handed out twice (an agent's cursor is synced on the agent).
            manager.table().syncs().beforeHandingOut("receiveJob", caller.log());
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
        if (e instanceof WorkspaceUnreachableException away) {
            return cannotWrite(spec, away);
        }
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
        long consumed = out == null || spec.keep() || out.isFile()
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
}
