// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Computer.java — signatures
// only.
package hudson.model;

import hudson.remoting.VirtualChannel;
import hudson.security.AccessControlled;
import hudson.security.Permission;

// Real header: public abstract class Computer extends Actionable implements AccessControlled, IComputer,
// ExecutorListener, DescriptorByNameOwner, StaplerProxy, HasWidgets.
public abstract class Computer implements AccessControlled {
    public abstract VirtualChannel getChannel();

    public String getName() {
        throw new UnsupportedOperationException("declaration only");
    }

    public hudson.EnvVars getEnvironment() throws java.io.IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public Node getNode() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static final java.util.concurrent.ExecutorService threadPoolForRemoting = null;

    public static final Permission EXTENDED_READ = null;

    public static final Permission BUILD = null;
}
