// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Node.java — signatures only.
package hudson.model;

import hudson.FilePath;
import hudson.security.AccessControlled;

// Real header: public abstract class Node extends AbstractModelObject implements ReconfigurableDescribable<Node>,
// ExtensionPoint, AccessControlled, OnMaster, PersistenceRoot.
public abstract class Node implements AccessControlled {
    public abstract String getNodeName();

    public final Computer toComputer() {
        throw new UnsupportedOperationException("declaration only");
    }

    public abstract FilePath getRootPath();
}
