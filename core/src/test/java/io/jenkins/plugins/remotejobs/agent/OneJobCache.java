package io.jenkins.plugins.remotejobs.agent;

import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of the agent tests that drive a job cache: for each test ({@code @RegisterExtension}
 * on an instance field) a scratch directory of its own, and a {@link JobCache} on {@code
 * scratch()/cache} with the stop grace and launcher given, closed after the test. A test that lets
 * the agent go away closes the cache; {@link #reopen} is the agent coming back on the same root.
 * Tests of caches that take the root over from one another take {@link #unopened()} and hand each
 * cache they open to {@link #closedAfter}.
 */
final class OneJobCache implements BeforeEachCallback, AfterEachCallback {

    private final Duration stopGrace;
    private Supplier<String> launcher = () -> null;

    /** Generous: the supervisor of the portable launcher is a JVM of its own, on a shared machine. */
    private static final Duration ENDED_WITHIN = Duration.ofSeconds(120);

    private final List<JobCache> opened = new CopyOnWriteArrayList<>();
    private Path scratch;
    private JobCache cache;

    private OneJobCache(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    static OneJobCache withStopGrace(Duration stopGrace) {
        return new OneJobCache(stopGrace);
    }

    /** Only the scratch directory and the root: the test opens the caches it needs. */
    static OneJobCache unopened() {
        return new OneJobCache(null);
    }

    /** The launcher by name ({@link ProcessLauncher}), asked for as each test begins; null: the default. */
    OneJobCache launcher(Supplier<String> name) {
        this.launcher = name;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("remote-jobs-agent-test");
        if (stopGrace != null) {
            reopen();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (cache != null) {
                cache.close();
            }
            opened.forEach(JobCache::close);
        } finally {
            AtomicFiles.deleteTreeWhileWritten(scratch);
        }
    }

    /** Opens the cache on the same root again, closing the one before (closing twice does nothing). */
    JobCache reopen() throws IOException {
        if (cache != null) {
            cache.close();
        }
        String name = launcher.get();
        cache = name == null ? JobCache.open(root(), stopGrace) : JobCache.open(root(), stopGrace, name);
        return cache;
    }

    /** Closes {@code opened} after the test, should the test not have; returns it. */
    JobCache closedAfter(JobCache opened) {
        this.opened.add(opened);
        return opened;
    }

    /** Waits until the cache's job {@code instanceId} has ended; its status then. */
    JobStatus awaitEnded(String instanceId) {
        return await().atMost(ENDED_WITHIN).until(() -> cache.status(instanceId), s -> s.endedAt() > 0);
    }

    Path scratch() {
        return scratch;
    }

    /** The cache's root directory: {@code scratch()/cache}. */
    Path root() {
        return scratch.resolve("cache");
    }

    JobCache cache() {
        return cache;
    }
}
