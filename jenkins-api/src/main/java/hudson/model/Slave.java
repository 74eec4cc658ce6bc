// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Slave.java — signatures
// only.
package hudson.model;

import java.io.Serializable;

public abstract class Slave extends Node implements Serializable {}
