// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/Launcher.java — signatures only.
package hudson;

public abstract class Launcher {}
