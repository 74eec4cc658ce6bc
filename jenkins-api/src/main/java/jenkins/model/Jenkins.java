// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/model/Jenkins.java — signatures
// only.
package jenkins.model;

import hudson.FilePath;
import hudson.model.AbstractCIBase;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Node;
import hudson.security.Permission;
import java.io.File;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

// Real header: public class Jenkins extends AbstractCIBase implements DirectlyModifiableTopLevelItemGroup,
// StaplerProxy, StaplerFallback, ModifiableViewGroup, AccessControlled, DescriptorByNameOwner,
// ModelObjectWithContextMenu, ModelObjectWithChildren, OnMaster, Loadable.
public class Jenkins extends AbstractCIBase {
    // The real constructors are not used by the plugin; this one only stops javac from adding a public
    // default constructor that the real class does not have.
    private Jenkins() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("declaration only");
    }

    public Node getNode(String name) {
        throw new UnsupportedOperationException("declaration only");
    }

    public List<Node> getNodes() {
        throw new UnsupportedOperationException("declaration only");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("declaration only");
    }

    @Override
    public FilePath getRootPath() {
        throw new UnsupportedOperationException("declaration only");
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) throws AccessDeniedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Label getLabel(String expr) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static final Permission ADMINISTER = null;

    public boolean isTerminating() {
        throw new UnsupportedOperationException("declaration only");
    }
}
