// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/AbstractProject.java —
// signatures only.
package hudson.model;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {}
