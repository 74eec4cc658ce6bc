// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/tasks/BuildStepDescriptor.java —
// signatures only.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException("declaration only");
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
