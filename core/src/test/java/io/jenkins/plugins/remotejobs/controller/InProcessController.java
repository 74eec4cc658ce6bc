package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of the controller tests that drive the steps against agents in this JVM: for each test
 * ({@code @RegisterExtension} on an instance field) a scratch directory of its own, {@link
 * InProcessAgents} on the nodes named, a {@link JobManager} on them, its {@link JobSteps}, and a
 * {@link TestCaller} of build {@code build#1} whose workspace is {@code scratch()/ws}; the manager
 * and the agents are closed after the test.
 */
final class InProcessController implements BeforeEachCallback, AfterEachCallback {

    private final String[] nodes;
    private Limits limits = Limits.defaults();

    private Path scratch;
    private InProcessAgents agents;
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

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("remote-jobs-test");
        agents = new InProcessAgents(scratch.resolve("agents"), nodes);
        manager = JobManager.open(scratch.resolve("controller"), agents, limits);
        steps = new JobSteps(manager);
        caller = new TestCaller("build#1", scratch.resolve("ws"));
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
