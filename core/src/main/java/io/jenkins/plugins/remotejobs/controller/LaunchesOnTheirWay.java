package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The launches no step waits for ({@link JobLaunches#launchInBackground}) while they are on their
 * way, by instance id: what acts on such a job on its agent, and a closing manager, waits for them.
 */
final class LaunchesOnTheirWay {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** How long a closing manager waits for them, so that a clean restart cuts none short. */
    private static final Duration AT_CLOSE = Duration.ofSeconds(10);

    private final Map<String, CompletableFuture<Void>> launches = new ConcurrentHashMap<>();

    void add(JobRecord child) {
        launches.put(child.instanceId(), new CompletableFuture<>());
    }

    /** The child's launch has its outcome (or will never have one from this manager). */
    void settle(JobRecord child) {
        CompletableFuture<Void> done = launches.remove(child.instanceId());
        if (done != null) {
            done.complete(null);
        }
    }

    /**
     * Completes once no launch of these children is on its way, so that what acts on the job on its
     * agent never finds the agent without a job that is about to be there.
     */
    CompletableFuture<Void> settled(List<JobRecord> children) {
        return CompletableFuture.allOf(children.stream()
                .map(c -> launches.getOrDefault(c.instanceId(), DONE))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Waits up to {@link #AT_CLOSE} for all of them, as a host shuts down; what is still on its way
     * then stays unconfirmed, settled by the agent's answer later.
     */
    void awaitAll() {
        try {
            CompletableFuture.allOf(launches.values().toArray(CompletableFuture[]::new))
                    .get(AT_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // left unconfirmed
        }
    }
}
