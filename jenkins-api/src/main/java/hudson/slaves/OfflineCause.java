// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/slaves/OfflineCause.java —
// signatures only.
package hudson.slaves;

// Real header: public abstract class OfflineCause implements IOfflineCause.
public abstract class OfflineCause {}
