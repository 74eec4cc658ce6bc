// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Label.java — signatures
// only.
package hudson.model;

// Real header: public abstract class Label extends Actionable implements Comparable<Label>, ModelObjectWithChildren.
public abstract class Label {
    public boolean contains(Node node) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Label parseExpression(String labelExpression) {
        throw new UnsupportedOperationException("declaration only");
    }
}
