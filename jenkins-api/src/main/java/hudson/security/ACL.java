// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/security/ACL.java — signatures
// only.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    public static ACLContext as2(Authentication auth) {
        throw new UnsupportedOperationException("declaration only");
    }
}
