// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/AbstractItem.java —
// signatures only.
package hudson.model;

// Real header: public abstract class AbstractItem extends Actionable implements Loadable, Item, HttpDeletable,
// AccessControlled, DescriptorByNameOwner, StaplerProxy.
public abstract class AbstractItem {
    public final String getFullName() {
        throw new UnsupportedOperationException("declaration only");
    }
}
