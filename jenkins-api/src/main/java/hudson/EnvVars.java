// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/EnvVars.java — signatures only.
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException("declaration only");
    }

    public EnvVars(Map<String, String> m) {
        throw new UnsupportedOperationException("declaration only");
    }
}
