// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/util/FormValidation.java —
// signatures only.
package hudson.util;

import java.io.IOException;

// Real header: public abstract class FormValidation extends IOException implements HttpResponse.
public abstract class FormValidation extends IOException {
    // The real constructors are private too.
    private FormValidation() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("declaration only");
    }
}
