// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java — signatures only.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

public interface StaplerResponse2 extends HttpServletResponse {}
