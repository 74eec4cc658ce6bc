// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/ExtensionList.java — signatures
// only.
package hudson;

// Real header: public class ExtensionList<T> extends AbstractList<T> implements OnMaster.
public class ExtensionList<T> {
    // The real constructors are not used by the plugin; this one only stops javac from adding a public
    // default constructor that the real class does not have.
    private ExtensionList() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("declaration only");
    }
}
