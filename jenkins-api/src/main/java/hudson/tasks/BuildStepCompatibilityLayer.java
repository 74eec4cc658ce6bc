// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2,
// core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java — signatures only.
package hudson.tasks;

@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {}
