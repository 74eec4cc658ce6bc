// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/Extension.java — signatures only.
package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

// Real meta-annotations also include @net.java.sezpoz.Indexable (the index is built by the real build only).
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {}
