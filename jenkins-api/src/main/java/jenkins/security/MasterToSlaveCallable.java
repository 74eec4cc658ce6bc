// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2,
// core/src/main/java/jenkins/security/MasterToSlaveCallable.java — signatures only.
package jenkins.security;

import hudson.remoting.Callable;

// Real header: public abstract class MasterToSlaveCallable<V, T extends Throwable>
// implements jenkins.agents.ControllerToAgentCallable<V, T>, which extends hudson.remoting.Callable<V, T>.
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {}
