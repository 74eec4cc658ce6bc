package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of the controller tests that drive the steps against agents in this JVM: for each test
 * ({@code @RegisterExtension} on an instance field) a scratch directory of its own, {@link
 * InProcessAgents} on the nodes named, a {@link JobManager} on them, its {@link JobSteps}, and a
 * {@link TestCaller} of build {@code build#1} whose workspace is {@code scratch()/ws}; the manager
 * and the agents are closed after the test. The manager may talk to the agents through a directory
 * of the test's ({@link #between}: one that loses replies, counts or holds calls), may be opened by
 * the test itself ({@link #openedByTheTest}), and opened again on the same table, as after a restart
 * ({@link #open}).
 */
final class InProcessController implements BeforeEachCallback, AfterEachCallback {

    private final String[] nodes;
    private Limits limits = Limits.defaults();
    private Function<InProcessAgents, AgentDirectory> between = agents -> agents;
    private boolean openedByTheTest;

    private Path scratch;
    private InProcessAgents agents;
    private AgentDirectory directory;
    private JobManager manager;
    private JobSteps steps;
    private TestCaller caller;

    private InProcessController(String[] nodes) {
        this.nodes = nodes.clone();
    }

    static InProcessController onNodes(String... nodes) {
        return new InProcessController(nodes);
    }

    InProcessController limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    /** The manager talks to the agents through what {@code directory} makes of them. */
    InProcessController between(Function<InProcessAgents, AgentDirectory> directory) {
        this.between = directory;
        return this;
    }

    /** The manager is not opened before the test: the test opens it ({@link #open}) with its limits. */
    InProcessController openedByTheTest() {
        this.openedByTheTest = true;
        return this;
    }

    /**
     * Opens the manager on the table in {@code scratch()/controller} with {@code limits}; a manager
     * opened before is closed first (closing twice does nothing), so that a test can restart it.
     */
    JobManager open(Limits limits) throws IOException {
        if (manager != null) {
            manager.close();
        }
        manager = JobManager.open(scratch.resolve("controller"), directory, limits);
        steps = new JobSteps(manager);
        return manager;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("remote-jobs-test");
        agents = new InProcessAgents(scratch.resolve("agents"), nodes);
        directory = between.apply(agents);
        caller = new TestCaller("build#1", scratch.resolve("ws"));
        if (!openedByTheTest) {
            open(limits);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        // The manager, then the agents, then the scratch: each even if one before failed.
        try {
            if (manager != null) {
                manager.close();
            }
        } finally {
            try {
                if (agents != null) {
                    agents.close();
                }
            } finally {
                AtomicFiles.deleteTreeWhileWritten(scratch);
            }
        }
    }

    Path scratch() {
        return scratch;
    }

    InProcessAgents agents() {
        return agents;
    }

    JobManager manager() {
        return manager;
    }

    JobSteps steps() {
        return steps;
    }

    TestCaller caller() {
        return caller;
    }
}
