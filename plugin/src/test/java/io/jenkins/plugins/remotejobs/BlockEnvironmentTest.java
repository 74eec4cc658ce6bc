package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Variables that the blocks around {@code remoteJob} set reach the job's process, worked out
 * against the agent's own environment, and a secret handed that way is written nowhere in
 * JENKINS_HOME, neither while the job runs nor after the build. Both blocks are the real ones:
 * Pipeline's {@code withEnv} and credentials-binding's {@code withCredentials}, binding a string
 * credential kept in the system credentials store.
 */
@WithJenkins
class BlockEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void withEnvAndWithCredentialsReachTheJobAndTheSecretIsStoredNowhere(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String secret = "s3cr3t-" + System.nanoTime();
        storeStringCredential("token", secret);
        Path seen = tmp.resolve("seen-by-job");
        Path gate = tmp.resolve("gate");
        WorkflowJob p = Pipelines.create(r, "p", """
                withEnv(['PLAIN=from withEnv', 'PATH+EXTRA=/opt/extra/bin', 'ARG=from withEnv']) {
                    withCredentials([string(credentialsId: 'token', variable: 'TOKEN')]) {
                        def j = remoteJob node: '%s', env: ['ARG=from env'],
                            script: 'printf %%s "$TOKEN" > %s; while [ ! -e %s ]; do sleep 0.05; done; echo "plain=$PLAIN arg=$ARG path=${PATH%%%%:*} more=${PATH#*:}"'
                        waitJob jobs: [j]
                        echo "state=${j.state}"
                        echo receiveJob(job: j, quiet: true)
                    }
                }
                """.formatted(agent.getNodeName(), seen, gate));

        WorkflowRun running = p.scheduleBuild2(0).waitForStart();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .until(() -> Files.exists(seen) && Files.size(seen) == secret.length());
        assertThat(FilesHolding.text(r.jenkins.getRootDir().toPath(), secret))
                .as("files in JENKINS_HOME holding the secret while the job runs and the build waits")
                .isEmpty();
        Files.createFile(gate);
        WorkflowRun b = r.assertBuildStatusSuccess(r.waitForCompletion(running));

        r.assertLogContains("state=Completed", b);
        r.assertLogContains("plain=from withEnv arg=from env path=/opt/extra/bin more=", b);
        String agentPath = agent.toComputer().getEnvironment().get("PATH");
        r.assertLogContains("more=" + agentPath, b);
        assertThat(Files.readString(seen))
                .as("the secret as the job's process saw it")
                .isEqualTo(secret);
        assertThat(FilesHolding.text(r.jenkins.getRootDir().toPath(), secret))
                .as("files in JENKINS_HOME holding the secret")
                .isEmpty();
    }

    @Test
    void aSecretTheJobPrintsIsMaskedInTheBuildLogByWithCredentials(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String secret = "m4sk-" + System.nanoTime();
        storeStringCredential("token", secret);
        WorkflowJob p = Pipelines.create(r, "p", """
                withCredentials([string(credentialsId: 'token', variable: 'TOKEN')]) {
                    def j = remoteJob node: '%s', script: 'echo "token is $TOKEN"'
                    receiveJob job: j, wait: true, keep: true
                    echo "returned: " + receiveJob(job: j, quiet: true)
                }
                """.formatted(agent.getNodeName()));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("token is ****", b);
        r.assertLogContains("returned: token is ****", b);
        r.assertLogNotContains(secret, b);
    }

    /** A secret text in the system store, as an administrator adds one; kept encrypted on disk. */
    private static void storeStringCredential(String id, String secret) throws Exception {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "for the test", Secret.fromString(secret)));
        store.save();
    }
}
