// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Describable.java —
// signatures only.
package hudson.model;

public interface Describable<T extends Describable<T>> {}
