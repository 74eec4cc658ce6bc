// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/model/TransientActionFactory.java
// — signatures only.
package jenkins.model;

import hudson.model.Action;
import java.util.Collection;

// Real header: public abstract class TransientActionFactory<T> implements ExtensionPoint.
public abstract class TransientActionFactory<T> {
    public abstract Class<T> type();

    public abstract Collection<? extends Action> createFor(T target);
}
