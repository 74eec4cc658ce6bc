// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2,
// core/src/main/java/jenkins/MasterToSlaveFileCallable.java — signatures only.
package jenkins;

import hudson.FilePath;

// Real header: public abstract class MasterToSlaveFileCallable<T> implements
// jenkins.ControllerToAgentFileCallable<T>, which extends hudson.FilePath.FileCallable<T>.
public abstract class MasterToSlaveFileCallable<T> implements FilePath.FileCallable<T> {
    private static final long serialVersionUID = 1L;
}
