package io.jenkins.plugins.remotejobs.local.transport;

import java.io.ObjectInputFilter;
import java.util.concurrent.Callable;

/**
 * The controller's allow-list for what agents send back. RMI gives a client no way to filter one
 * stub's replies, so this is installed as the JVM-wide filter and applies only on a thread that is
 * inside a call made through {@link RemoteAgentClient}; everywhere else it stays out of the way
 * ({@code UNDECIDED}), leaving the rest of the JVM as it was.
 */
final class ReplyFilter implements ObjectInputFilter {

    private static final System.Logger LOG = System.getLogger(ReplyFilter.class.getName());
    private static final ReplyFilter INSTANCE = new ReplyFilter();
    private static final ThreadLocal<Boolean> IN_CALL = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static boolean installed; // guarded by ReplyFilter.class

    private final ObjectInputFilter replies = SerialFilters.replies();

    private ReplyFilter() {}

    /**
     * Installs the filter once per JVM. When another JVM-wide filter is already set (for example with
     * {@code -Djdk.serialFilter}), that one stays in charge and a warning says so.
     */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            ObjectInputFilter.Config.setSerialFilter(INSTANCE);
        } catch (IllegalStateException alreadySet) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "A JVM-wide deserialization filter is already set ({0}); it, not the remote-jobs"
                            + " allow-list, governs replies from agents",
                    ObjectInputFilter.Config.getSerialFilter());
        }
    }

    /** Runs one remote call with the allow-list active on this thread. */
    static <T> T during(Callable<T> call) throws Exception {
        boolean outer = IN_CALL.get();
        IN_CALL.set(Boolean.TRUE);
        try {
            return call.call();
        } finally {
            IN_CALL.set(outer);
        }
    }

    @Override
    public Status checkInput(FilterInfo info) {
        return IN_CALL.get() ? replies.checkInput(info) : Status.UNDECIDED;
    }
}
