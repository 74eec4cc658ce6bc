// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/AbstractCIBase.java —
// signatures only.
package hudson.model;

// Real header: public abstract class AbstractCIBase extends Node implements ItemGroup<TopLevelItem>, StaplerProxy,
// StaplerFallback, ViewGroup, AccessControlled, DescriptorByNameOwner. Declared because it is where Jenkins gets
// its getNodeName().
public abstract class AbstractCIBase extends Node {
    @Deprecated
    @Override
    public String getNodeName() {
        throw new UnsupportedOperationException("declaration only");
    }
}
