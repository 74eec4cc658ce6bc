// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/listeners/ItemListener.java
// — signatures only.
package hudson.model.listeners;

import hudson.model.Item;

// Real header: public class ItemListener implements ExtensionPoint.
public class ItemListener {
    public void onDeleted(Item item) {
        throw new UnsupportedOperationException("declaration only");
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        throw new UnsupportedOperationException("declaration only");
    }
}
