// Declaration of org.kohsuke:access-modifier-annotation 1.35,
// access-modifier-annotation/src/main/java/org/kohsuke/accmod/Restricted.java — signatures only.
package org.kohsuke.accmod;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;

// Real meta-annotations also include @org.jvnet.hudson.annotation_indexer.Indexed.
@Retention(RUNTIME)
@Documented
public @interface Restricted {
    Class<? extends AccessRestriction>[] value();
}
