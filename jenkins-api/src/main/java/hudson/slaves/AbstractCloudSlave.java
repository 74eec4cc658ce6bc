// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/slaves/AbstractCloudSlave.java —
// signatures only.
package hudson.slaves;

import hudson.model.Slave;

public abstract class AbstractCloudSlave extends Slave {}
