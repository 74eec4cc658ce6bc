// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/tasks/BuildStep.java — signatures
// only.
package hudson.tasks;

// Its abstract methods are all implemented by BuildStepCompatibilityLayer; none is used by the plugin.
public interface BuildStep {}
