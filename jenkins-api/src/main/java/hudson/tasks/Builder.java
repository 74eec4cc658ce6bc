// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/tasks/Builder.java — signatures
// only.
package hudson.tasks;

import hudson.model.Describable;

// Real header: public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>,
// ExtensionPoint.
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder> {}
