package io.jenkins.plugins.remotejobs.controller.table;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobManagerClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job table's {@link JobTable#sync} as a step needs it: before it hands out what depends on
 * the journal (a started job's handle, consumed output), or begun beside its launch and awaited
 * before the handle goes out. A disk that refuses is said in the build log and the step goes on:
 * what it hands out is right, only a power loss could now take the record back. A table that
 * closed meanwhile (the host shuts down) is no disk failure: the step resumes after the restart.
 */
public final class StepSyncs {

    private static final Logger LOG = Logger.getLogger(StepSyncs.class.getName());

    private final JobTable table;

    StepSyncs(JobTable table) {
        this.table = table;
    }

    /** Syncs now, before {@code step} hands out what depends on the journal. */
    public void beforeHandingOut(String step, BuildLog log) {
        try {
            table.sync();
        } catch (IOException e) {
            warnNotSynced(step, log, e);
        }
    }

    /** A sync begun now on {@code executor}, to overlap with what the step does meanwhile (a launch). */
    public CompletableFuture<Void> soon(Executor executor) {
        Runnable task = () -> {
            try {
                table.sync();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            return CompletableFuture.runAsync(task, executor);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.runAsync(task, Runnable::run); // no thread to spare: sync now
        }
    }

    /** Waits for a {@link #soon}, before {@code step} hands out what depends on it. */
    public void await(CompletableFuture<Void> sync, String step, BuildLog log) throws InterruptedException {
        try {
            sync.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof JobManagerClosedException closed) {
                throw closed;
            }
            warnNotSynced(step, log, cause);
        }
    }

    private static void warnNotSynced(String step, BuildLog log, Throwable e) {
        LOG.log(Level.WARNING, "cannot force the job table's journal to disk", e);
        log.println(step + ": warning: the controller cannot force its job table to disk (" + e.getMessage()
                + "); a power loss now could lose what this step recorded");
    }
}
