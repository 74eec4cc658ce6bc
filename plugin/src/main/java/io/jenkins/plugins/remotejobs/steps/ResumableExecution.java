package io.jenkins.plugins.remotejobs.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * A step that may take long (it waits for jobs, or for an agent to connect) without holding the
 * CPS thread or an executor, and that survives a controller restart: it persists only what it
 * needs to do its work again after a restart, and does it again on resume (each subclass makes
 * that safe: a wait waits for what is left, a start is idempotent by its instance id). Aborting the
 * build interrupts it.
 */
abstract class ResumableExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "remote-jobs-step");
        t.setDaemon(true);
        return t;
    });

    private transient Authentication auth;
    private transient Future<?> running;

    ResumableExecution(StepContext context, Authentication auth) {
        super(context);
        this.auth = auth;
    }

    /** Does the step's work as {@code auth}; the result goes back to the pipeline as a handle. */
    abstract Object work(Authentication auth) throws Exception;

    @Override
    public boolean start() {
        submit();
        return false;
    }

    @Override
    public void onResume() {
        submit();
    }

    /**
     * The authentication to act as: the one that started the step; after a restart (when that one
     * is gone), the build's own, as Pipeline records it for the build (SYSTEM unless the build runs
     * as a user), never SYSTEM by default.
     */
    private Authentication authentication() throws Exception {
        Authentication started = auth;
        return started != null ? started : getContext().get(FlowExecution.class).getAuthentication2();
    }

    private synchronized void submit() {
        running = THREADS.submit(() -> {
            try {
                getContext().onSuccess(RemoteJobHandle.wrap(work(authentication())));
            } catch (InterruptedException e) {
                // stop() already reported the cause
            } catch (Exception e) {
                getContext().onFailure(StepSupport.userFacing(e));
            }
        });
    }

    @Override
    public synchronized void stop(Throwable cause) throws Exception {
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }
}
