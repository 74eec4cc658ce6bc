// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Item.java — signatures only.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

// Real header: public interface Item extends PersistenceRoot, FullyNamedModelObject, SearchableModelObject,
// FullyNamed, Named, AccessControlled, OnMaster.
public interface Item extends AccessControlled {
    String getFullName();

    String getUrl();

    Permission READ = null;

    Permission CANCEL = null;
}
