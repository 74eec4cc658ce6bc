// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Descriptor.java — signatures
// only.
package hudson.model;

// Real header: public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster.
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("declaration only");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("declaration only");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("declaration only");
    }
}
