// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/HttpRedirect.java — signatures only.
package org.kohsuke.stapler;

public final class HttpRedirect extends RuntimeException implements HttpResponse {
    // The real constructors are not used by the plugin; this one only stops javac from adding a public
    // default constructor that the real class does not have.
    private HttpRedirect() {
        throw new UnsupportedOperationException("declaration only");
    }
}
