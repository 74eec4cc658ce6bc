package io.jenkins.plugins.remotejobs.local.agents;

import io.jenkins.plugins.remotejobs.local.transport.AgentSecret;
import io.jenkins.plugins.remotejobs.local.transport.TestAgentMain;
import java.nio.file.Path;

/**
 * TEST FIXTURE: a stand-in controller JVM. Starts one agent under the home given as its argument,
 * prints {@code AGENT-PID <pid>} and then waits until it is killed.
 */
public final class TestControllerMain {

    private TestControllerMain() {}

    public static void main(String[] args) throws Exception {
        AgentLauncher launcher = new AgentLauncher(Path.of(args[0]), AgentSecret.generate())
                .withMainClass(TestAgentMain.class.getName());
        LocalAgents agents = LocalAgents.start(launcher, 1);
        System.out.println("AGENT-PID " + agents.pid("agent-1").orElseThrow());
        System.out.flush();
        // Park until the test kills this process: it plays a controller that dies, not one that ends.
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
