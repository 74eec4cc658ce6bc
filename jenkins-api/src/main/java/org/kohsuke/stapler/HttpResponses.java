// Declaration of org.kohsuke.stapler:stapler 2088.v915606dc8e86,
// core/src/main/java/org/kohsuke/stapler/HttpResponses.java — signatures only.
package org.kohsuke.stapler;

public class HttpResponses {
    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {}

    public static HttpResponseException forbidden() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static HttpResponseException error(int code, String errorMessage) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static HttpRedirect redirectTo(String url) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static HttpResponse redirectToDot() {
        throw new UnsupportedOperationException("declaration only");
    }
}
