// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86, core/src/main/java/org/kohsuke/stapler/Stapler.java —
// signatures only.
package org.kohsuke.stapler;

// Real header: public class Stapler extends jakarta.servlet.http.HttpServlet.
public class Stapler {
    public static StaplerRequest2 getCurrentRequest2() {
        throw new UnsupportedOperationException("declaration only");
    }
}
