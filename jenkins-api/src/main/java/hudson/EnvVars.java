// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/EnvVars.java — signatures only.
package hudson;

// Real header: public class EnvVars extends TreeMap<String, String>. The plugin only passes it on.
public class EnvVars {}
