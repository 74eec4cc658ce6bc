// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/model/GlobalConfiguration.java —
// signatures only.
package jenkins.model;

import hudson.model.Describable;
import hudson.model.Descriptor;

// Real header: public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
// implements ExtensionPoint, Describable<GlobalConfiguration>.
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
        throw new UnsupportedOperationException("declaration only");
    }
}
