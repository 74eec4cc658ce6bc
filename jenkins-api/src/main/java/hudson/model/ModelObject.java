// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/ModelObject.java —
// signatures only (checked with javap against the released jar).
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
