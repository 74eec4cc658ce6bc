// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/QueryParameter.java — signatures only.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real meta-annotations also include @InjectedParameter(QueryParameter.HandlerImpl.class); its members
// (value, required, fixEmpty, all with defaults) are not used by the plugin.
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {}
