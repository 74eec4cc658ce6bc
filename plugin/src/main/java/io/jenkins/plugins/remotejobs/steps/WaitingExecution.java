package io.jenkins.plugins.remotejobs.steps;

import hudson.security.ACL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * A step that blocks until jobs end ({@code waitJob}, {@code receiveJob wait: true}) without holding
 * the CPS thread or an executor, and that survives a controller restart: it persists only its
 * arguments and when it started, and after a restart it waits again for what is left of its
 * timeout. Aborting the build interrupts the wait.
 */
final class WaitingExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "remote-jobs-step-wait");
        t.setDaemon(true);
        return t;
    });

    private final String step;
    private final LinkedHashMap<String, Object> arguments;
    private final long startedAt = System.currentTimeMillis();
    private transient Authentication auth;
    private transient Future<?> waiting;

    WaitingExecution(String step, StepContext context, Map<String, Object> arguments, Authentication auth) {
        super(context);
        this.step = step;
        this.arguments = new LinkedHashMap<>(arguments);
        this.auth = auth;
    }

    @Override
    public boolean start() {
        submit();
        return false;
    }

    @Override
    public void onResume() {
        submit();
    }

    /** After a restart the authentication that started the step is gone: builds run as SYSTEM by default. */
    private Object readResolve() {
        auth = ACL.SYSTEM2;
        return this;
    }

    private synchronized void submit() {
        Map<String, Object> now = remainingArguments();
        waiting = WAITERS.submit(() -> {
            try {
                getContext()
                        .onSuccess(RemoteJobHandle.wrap(
                                StepSupport.steps().call(step, now, StepSupport.caller(getContext(), auth))));
            } catch (InterruptedException e) {
                // stop() already reported the cause
            } catch (Exception e) {
                getContext().onFailure(StepSupport.userFacing(e));
            }
        });
    }

    /** The arguments with {@code timeout} reduced by the time already waited before a restart. */
    private Map<String, Object> remainingArguments() {
        LinkedHashMap<String, Object> now = new LinkedHashMap<>(arguments);
        if (now.get("timeout") instanceof Number timeout) {
            long spent = (System.currentTimeMillis() - startedAt) / 1000;
            now.put("timeout", Math.max(0, timeout.longValue() - spent));
        }
        return now;
    }

    @Override
    public synchronized void stop(Throwable cause) throws Exception {
        if (waiting != null) {
            waiting.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public String getStatus() {
        return Messages.WaitingExecution_status(step);
    }
}
