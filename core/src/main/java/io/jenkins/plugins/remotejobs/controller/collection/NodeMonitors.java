package io.jenkins.plugins.remotejobs.controller.collection;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Collection from agents as the rest of the engine sees it: one {@link NodeMonitor} per node with
 * jobs to watch, all on one small {@link MonitorPool}, made on first use and woken whenever
 * something changed for their node (a launch, a reconnect, a stop).
 */
public final class NodeMonitors {

    private final Map<String, NodeMonitor> monitors = new ConcurrentHashMap<>();
    private final MonitorPool pool = new MonitorPool();
    final JobTable table;
    final JobRecorder recorder;
    final Spool spool;
    final Supplier<Limits> limits;
    final AgentDirectory directory;
    /** Whether a removeJob is taking the job out of the table (its agent copy may be gone already). */
    final LongPredicate beingRemoved;

    public NodeMonitors(
            JobTable table,
            JobRecorder recorder,
            Spool spool,
            Supplier<Limits> limits,
            AgentDirectory directory,
            LongPredicate beingRemoved) {
        this.table = table;
        this.recorder = recorder;
        this.spool = spool;
        this.limits = limits;
        this.directory = directory;
        this.beingRemoved = beingRemoved;
    }

    /** Something changed for {@code node}: its monitor looks again now. */
    public void wake(String node) {
        monitors.computeIfAbsent(node, n -> new NodeMonitor(n, this, pool)).wake();
    }

    /** Stops every monitor and waits a while for rounds in flight to end. */
    public void close() {
        monitors.values().forEach(NodeMonitor::close);
        try {
            pool.close(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
