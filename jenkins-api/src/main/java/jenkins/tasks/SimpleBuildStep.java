// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/tasks/SimpleBuildStep.java —
// signatures only.
package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("declaration only");
    }

    default void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("declaration only");
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException("declaration only");
    }
}
