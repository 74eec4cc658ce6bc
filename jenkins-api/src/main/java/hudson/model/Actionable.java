// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Actionable.java
// — signatures only.
package hudson.model;

import java.util.List;

// Real header: public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu.
public abstract class Actionable {
    public List<Action> getActions() {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean replaceActions(Class<? extends Action> clazz, Action a) {
        throw new UnsupportedOperationException("declaration only");
    }
}
