// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/security/AccessControlled.java —
// signatures only.
package hudson.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

// The abstract getACL() and the other defaults are not used by the plugin.
public interface AccessControlled {
    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("declaration only");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("declaration only");
    }

    default boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException("declaration only");
    }
}
