package io.jenkins.plugins.remotejobs.local.e2e;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of the end-to-end and fault tests: a scratch directory of their own with a home in
 * it, and there a {@link LocalHost} whose agents are real JVMs, launched as the product launches
 * them (so that the {@code portable-launcher} run of the suite reaches them too), with a {@link
 * ScriptFixture} on it. Registered on a static field ({@code @RegisterExtension}) it serves the whole
 * class: started before all its tests, then every job still running stopped and the host closed
 * after them; on an instance field each test gets its own. Tests that stop and start the host
 * themselves, several runs on one home, take {@link #withoutHost()} and {@link #open} their runs.
 */
public final class LocalHostExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** What to do to the home before the host starts; what it returns is closed once the host has. */
    @FunctionalInterface
    public interface Preparation {
        AutoCloseable prepare(LocalHostExtension extension) throws Exception;
    }

    /** One run of a host on the home, with its script fixture; closing it closes the host only. */
    public record Run(LocalHost host, ScriptFixture scripts) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            host.close();
        }
    }

    private final int agents;
    private Limits limits = Limits.defaults();
    private Preparation preparation = extension -> () -> {};

    private boolean perClass;
    private Path scratch;
    private AutoCloseable prepared;
    private Run run;

    private LocalHostExtension(int agents) {
        this.agents = agents;
    }

    /** A host with {@code agents} agents ({@code agent-1} …), started before the tests. */
    public static LocalHostExtension withAgents(int agents) {
        return new LocalHostExtension(agents);
    }

    /**
     * Only the scratch directory and its home: the tests {@link #open} the runs they need, or run a
     * controller in a JVM of its own on the home.
     */
    public static LocalHostExtension withoutHost() {
        return new LocalHostExtension(0);
    }

    /** The host's limits instead of the defaults. */
    public LocalHostExtension limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    /** Something done to the home (or with earlier runs on it) before the host starts. */
    public LocalHostExtension preparedBy(Preparation preparation) {
        this.preparation = preparation;
        return this;
    }

    /** The directory the tests may use as they like: the home, the fixture's scripts, their own files. */
    public Path scratch() {
        return scratch;
    }

    public Path home() {
        return scratch.resolve("home");
    }

    public LocalHost host() {
        return started().host();
    }

    public ScriptFixture scripts() {
        return started().scripts();
    }

    /**
     * Starts a host with {@code agents} agents on {@link #home()}, its fixture's scripts and working
     * directory in {@code scratch()/fixture}; the caller closes it.
     */
    public Run open(int agents, String fixture) throws IOException {
        return open(agents, limits, fixture);
    }

    public Run open(int agents, Limits limits, String fixture) throws IOException {
        return openOn(home(), agents, limits, fixture);
    }

    /**
     * Starts a host on {@code scratch().resolve(home)}, beside the host the tests share (which holds
     * the lock of {@link #home()}); the caller closes it.
     */
    public Run openBeside(String home, int agents, Limits limits, String fixture) throws IOException {
        return openOn(scratch.resolve(home), agents, limits, fixture);
    }

    private Run openOn(Path home, int agents, Limits limits, String fixture) throws IOException {
        LocalHost host = LocalHost.start(home, agents, limits);
        return new Run(host, new ScriptFixture(host, scratch.resolve(fixture)));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        setUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            setUp();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            tearDown();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        tearDown();
    }

    private void setUp() throws Exception {
        scratch = Files.createTempDirectory("remote-jobs-test");
        prepared = preparation.prepare(this);
        if (agents > 0) {
            run = open(agents, "");
        }
    }

    /** Stops what runs, closes the host, undoes the preparation, deletes the scratch: each even if one before failed. */
    private void tearDown() throws Exception {
        try (AutoCloseable deleteScratch = this::deleteScratch;
                AutoCloseable undo = prepared;
                Run closing = run) {
            if (closing != null) {
                closing.scripts().stopEverything();
            }
        } finally {
            run = null;
            prepared = null;
        }
    }

    private void deleteScratch() throws IOException {
        if (scratch != null) {
            AtomicFiles.deleteTreeWhileWritten(scratch);
            scratch = null;
        }
    }

    private Run started() {
        if (run == null) {
            throw new IllegalStateException("no host runs: withoutHost(), or outside the tests");
        }
        return run;
    }
}
