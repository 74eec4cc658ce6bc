// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java — signatures only.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

public interface StaplerRequest2 extends HttpServletRequest {}
