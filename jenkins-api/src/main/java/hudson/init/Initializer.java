// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/init/Initializer.java — signatures
// only.
package hudson.init;

import static hudson.init.InitMilestone.STARTED;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

// Real meta-annotations also include @org.jvnet.hudson.annotation_indexer.Indexed.
@Documented
@Retention(RUNTIME)
@Target(METHOD)
public @interface Initializer {
    InitMilestone after() default STARTED;
}
