package io.jenkins.plugins.remotejobs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Variables that the blocks around {@code remoteJob} set reach the job's process, worked out
 * against the agent's own environment, and a secret handed that way is written nowhere in
 * JENKINS_HOME, neither while the job runs nor after the build. {@code withEnv} is Pipeline's own; the secret comes from {@code secretFromFile}, a
 * block step of this test that works as {@code withCredentials} does: an {@link
 * EnvironmentExpander} whose value is not a step argument (Pipeline records arguments).
 */
@WithJenkins
class BlockEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void withEnvAndACredentialLikeBlockReachTheJobAndTheSecretIsStoredNowhere(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String secret = "s3cr3t-" + System.nanoTime();
        Path secretFile = Files.writeString(tmp.resolve("secret"), secret);
        Path seen = tmp.resolve("seen-by-job");
        Path gate = tmp.resolve("gate");
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                withEnv(['PLAIN=from withEnv', 'PATH+EXTRA=/opt/extra/bin', 'ARG=from withEnv']) {
                    secretFromFile(variable: 'TOKEN', file: '%s') {
                        def j = remoteJob node: '%s', env: ['ARG=from env'],
                            script: 'printf %%s "$TOKEN" > %s; while [ ! -e %s ]; do sleep 0.05; done; echo "plain=$PLAIN arg=$ARG path=${PATH%%%%:*} more=${PATH#*:}"'
                        waitJob jobs: [j]
                        echo "state=${j.state}"
                        echo receiveJob(job: j, quiet: true)
                    }
                }
                """.formatted(secretFile, agent.getNodeName(), seen, gate), true));

        WorkflowRun running = p.scheduleBuild2(0).waitForStart();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(120))
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
    void aSecretTheJobPrintsIsMaskedInTheBuildLogAsTheBlockMasksIt(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        String secret = "m4sk-" + System.nanoTime();
        Path secretFile = Files.writeString(tmp.resolve("secret"), secret);
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                secretFromFile(variable: 'TOKEN', file: '%s') {
                    def j = remoteJob node: '%s', script: 'echo "token is $TOKEN"'
                    receiveJob job: j, wait: true, keep: true
                    echo "returned: " + receiveJob(job: j, quiet: true)
                }
                """.formatted(secretFile, agent.getNodeName()), true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("token is ****", b);
        r.assertLogContains("returned: token is ****", b);
        r.assertLogNotContains(secret, b);
    }

    /** Sets {@code variable} for its block to the content of {@code file}, read when a step asks for it. */
    public static final class SecretFromFileStep extends Step {
        final String variable;
        final String file;

        @DataBoundConstructor
        public SecretFromFileStep(String variable, String file) {
            this.variable = variable;
            this.file = file;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context, variable, file);
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "secretFromFile";
            }

            @Override
            public boolean takesImplicitBlockArgument() {
                return true;
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }
        }
    }

    private static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String variable;
        private final String file;

        Execution(StepContext context, String variable, String file) {
            super(context);
            this.variable = variable;
            this.file = file;
        }

        @Override
        public boolean start() throws Exception {
            getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class), new FileValue(variable, file)))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(
                            getContext().get(ConsoleLogFilter.class), new Mask(file)))
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
            return false;
        }
    }

    /** Masks the file's content in the build log, as a credential binding masks its secret. */
    static final class Mask extends ConsoleLogFilter implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Mask(String file) {
            this.file = file;
        }

        @Override
        public OutputStream decorateLogger(Run build, OutputStream logger) throws IOException {
            String secret = Files.readString(Path.of(file)).trim();
            return new LineTransformationOutputStream.Delegating(logger) {
                @Override
                protected void eol(byte[] b, int len) throws IOException {
                    String line = new String(b, 0, len, StandardCharsets.UTF_8);
                    out.write(line.replace(secret, "****").getBytes(StandardCharsets.UTF_8));
                }
            };
        }
    }

    /** Keeps the file's name only, as a credential binding keeps the credential's id. */
    static final class FileValue extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final String variable;
        private final String file;

        FileValue(String variable, String file) {
            this.variable = variable;
            this.file = file;
        }

        @Override
        public void expand(EnvVars env) throws IOException {
            env.override(variable, Files.readString(Path.of(file)).trim());
        }

        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of(variable);
        }
    }
}
