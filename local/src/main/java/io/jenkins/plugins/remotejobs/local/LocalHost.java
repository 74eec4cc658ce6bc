package io.jenkins.plugins.remotejobs.local;

import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.agents.LocalAgents;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.CacheLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The whole engine on one machine: N agent JVMs, a job manager, and the steps, all under one home
 * directory that one run owns at a time. State stays in the home between runs, so a job kept on an
 * agent in one run can be received by the next.
 *
 * <pre>
 * &lt;home&gt;/controller/          the job table and the controller's spool
 * &lt;home&gt;/agents/agent-N/cache  that agent's job cache
 * &lt;home&gt;/agents/agent-N/workspace  its workspace for node('agent-N') { }
 * &lt;home&gt;/runs.properties      the last build id given out (run-N)
 * &lt;home&gt;/settings.properties  the unreceived output's retention the home was last given
 * </pre>
 */
public final class LocalHost implements AutoCloseable {

    /** How long a start waits for its agents to answer for the jobs an earlier run left Disconnected. */
    private static final long RECONCILE_MILLIS = 10_000;

    private final Path home;
    private final CacheLock lock;
    private final LocalAgents agents;
    private final JobManager manager;
    private final JobSteps steps;

    private LocalHost(Path home, CacheLock lock, LocalAgents agents, JobManager manager) {
        this.home = home;
        this.lock = lock;
        this.agents = agents;
        this.manager = manager;
        this.steps = new JobSteps(manager);
    }

    /**
     * Takes the home, starts the agents and opens the job manager.
     *
     * @throws IOException when another run owns the home (the message says so), or agents fail to start
     */
    public static LocalHost start(Path home, int agentCount, Limits limits) throws IOException {
        Path dir = Files.createDirectories(home).toRealPath();
        CacheLock lock;
        try {
            lock = CacheLock.acquire(dir);
        } catch (IOException e) {
            throw new IOException("another remote-jobs run is using the home " + dir
                    + "; wait for it to finish, or give this run its own --home (" + e.getMessage() + ")");
        }
        LocalAgents agents = null;
        try {
            agents = LocalAgents.start(dir, agentCount);
            JobManager manager = JobManager.open(dir.resolve("controller"), agents, limits);
            awaitReconciled(manager);
            return new LocalHost(dir, lock, agents, manager);
        } catch (IOException | RuntimeException e) {
            if (agents != null) {
                agents.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Waits (briefly) until no job on a running agent still reads {@code Disconnected} from an
     * earlier run, so that a script's first step sees the table as it is, not as the last run left it.
     */
    private static void awaitReconciled(JobManager manager) {
        long deadline = System.nanoTime() + RECONCILE_MILLIS * 1_000_000L;
        try {
            while (true) {
                long seen = manager.events().generation();
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || !staleOnARunningAgent(manager)) {
                    return;
                }
                manager.events().await(seen, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean staleOnARunningAgent(JobManager manager) {
        return manager.table().nodesWithWatchedJobs().stream()
                .filter(node -> manager.directory().connect(node).isPresent())
                .flatMap(node -> manager.table().watchedOn(node).stream())
                .anyMatch(job -> job.state() == JobState.DISCONNECTED);
    }

    public Path home() {
        return home;
    }

    public LocalAgents agents() {
        return agents;
    }

    public JobManager manager() {
        return manager;
    }

    public JobSteps steps() {
        return steps;
    }

    /**
     * A new build id for this run ({@code run-1}, {@code run-2}, ...), counted in the home; safe to
     * call from scripts running at the same time.
     */
    public synchronized String nextBuild() throws IOException {
        Path file = home.resolve("runs.properties");
        Properties p = AtomicFiles.readProperties(file);
        long next = (p == null ? 0 : Long.parseLong(p.getProperty("last", "0"))) + 1;
        Properties updated = new Properties();
        updated.setProperty("last", Long.toString(next));
        AtomicFiles.writeProperties(file, updated);
        return "run-" + next;
    }

    /** Stops the agents (their jobs go on, detached) and releases the home. */
    @Override
    public void close() throws IOException {
        try {
            manager.close();
        } finally {
            agents.close();
            lock.close();
        }
    }
}
