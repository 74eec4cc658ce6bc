// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/init/InitMilestone.java —
// signatures only.
package hudson.init;

// Real header: public enum InitMilestone implements org.jvnet.hudson.reactor.Milestone, with ten milestones
// from STARTED to COMPLETED. Declared: STARTED (Initializer's default) and the one the plugin names.
public enum InitMilestone {
    STARTED,
    JOB_CONFIG_ADAPTED
}
