// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86, core/src/main/java/org/kohsuke/stapler/verb/POST.java
// — signatures only.
package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real meta-annotations also include @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage =
// Stage.SELECTION).
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
