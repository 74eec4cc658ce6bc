// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/util/Secret.java
// — signatures only.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {}

    public String getPlainText() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Secret decrypt(String data) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException("declaration only");
    }
}
