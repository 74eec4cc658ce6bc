// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/HttpResponse.java — signatures only.
package org.kohsuke.stapler;

// Its default generateResponse methods are not used by the plugin.
public interface HttpResponse {}
