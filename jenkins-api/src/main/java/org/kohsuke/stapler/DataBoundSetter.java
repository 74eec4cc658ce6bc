// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java — signatures only.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {}
