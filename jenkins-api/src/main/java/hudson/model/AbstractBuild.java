// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/AbstractBuild.java —
// signatures only.
package hudson.model;

// Needed for AbstractProject's type parameters only.
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {}
