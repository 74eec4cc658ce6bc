// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/RootAction.java — signatures
// only.
package hudson.model;

// Real header: public interface RootAction extends Action, ExtensionPoint.
public interface RootAction extends Action {}
