// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Action.java — signatures
// only.
package hudson.model;

// Real header: public interface Action extends ModelObject (its default methods are not used by the plugin).
public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
