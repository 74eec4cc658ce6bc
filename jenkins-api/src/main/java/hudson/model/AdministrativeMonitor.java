// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/AdministrativeMonitor.java —
// signatures only (checked with javap against the released jar).
package hudson.model;

// Real header: public abstract class AdministrativeMonitor extends AbstractModelObject implements ExtensionPoint,
// StaplerProxy.
public abstract class AdministrativeMonitor {
    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("declaration only");
    }

    public abstract boolean isActivated();
}
