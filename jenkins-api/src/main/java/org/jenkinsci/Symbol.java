// Declaration of org.jenkins-ci:symbol-annotation 1.26, src/main/java/org/jenkinsci/Symbol.java — signatures only.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real meta-annotations also include @org.jvnet.hudson.annotation_indexer.Indexed.
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
