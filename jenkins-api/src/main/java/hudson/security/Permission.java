// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/security/Permission.java —
// signatures only.
package hudson.security;

public final class Permission {
    // The real constructors are not used by the plugin; this one only stops javac from adding a public
    // default constructor that the real class does not have.
    private Permission() {
        throw new UnsupportedOperationException("declaration only");
    }
}
