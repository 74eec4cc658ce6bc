// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/AbortException.java — signatures
// only.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException("declaration only");
    }
}
