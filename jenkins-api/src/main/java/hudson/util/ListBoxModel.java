// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/util/ListBoxModel.java —
// signatures only.
package hudson.util;

// Real header: public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse.
public class ListBoxModel {
    public ListBoxModel() {
        throw new UnsupportedOperationException("declaration only");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("declaration only");
    }
}
