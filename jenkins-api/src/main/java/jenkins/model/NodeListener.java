// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/model/NodeListener.java —
// signatures only.
package jenkins.model;

import hudson.model.Node;

// Real header: public abstract class NodeListener implements ExtensionPoint.
public abstract class NodeListener {
    protected void onDeleted(Node node) {
        throw new UnsupportedOperationException("declaration only");
    }
}
