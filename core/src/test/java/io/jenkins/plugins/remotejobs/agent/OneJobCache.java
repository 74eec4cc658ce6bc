package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of the agent tests that drive one job cache: for each test ({@code @RegisterExtension}
 * on an instance field) a scratch directory of its own, and a {@link JobCache} on {@code
 * scratch()/cache} with the stop grace and launcher given, closed after the test. A test that lets
 * the agent go away closes the cache; {@link #reopen} is the agent coming back on the same root.
 */
final class OneJobCache implements BeforeEachCallback, AfterEachCallback {

    private final Duration stopGrace;
    private Supplier<String> launcher = () -> null;

    private Path scratch;
    private JobCache cache;

    private OneJobCache(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    static OneJobCache withStopGrace(Duration stopGrace) {
        return new OneJobCache(stopGrace);
    }

    /** The launcher by name ({@link ProcessLauncher}), asked for as each test begins; null: the default. */
    OneJobCache launcher(Supplier<String> name) {
        this.launcher = name;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("remote-jobs-agent-test");
        reopen();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (cache != null) {
                cache.close();
            }
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
