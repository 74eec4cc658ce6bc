// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/jenkins/security/CustomClassFilter.java —
// signatures only.
// Real header: public interface CustomClassFilter extends ExtensionPoint
// Omitted: @CheckForNull on the return values; the nested Static and Contributed implementations.
package jenkins.security;

public interface CustomClassFilter {

    default Boolean permits(Class<?> c) {
        throw new UnsupportedOperationException("declaration only");
    }

    default Boolean permits(String name) {
        throw new UnsupportedOperationException("declaration only");
    }
}
