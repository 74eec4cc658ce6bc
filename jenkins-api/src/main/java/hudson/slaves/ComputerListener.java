// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/slaves/ComputerListener.java —
// signatures only.
package hudson.slaves;

import hudson.model.Computer;
import hudson.model.TaskListener;
import java.io.IOException;

// Real header: public abstract class ComputerListener implements ExtensionPoint.
public abstract class ComputerListener {
    public void onOnline(Computer c, TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public void onOffline(Computer c, OfflineCause cause) {
        throw new UnsupportedOperationException("declaration only");
    }
}
