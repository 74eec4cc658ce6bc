// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Api.java — signatures only.
package hudson.model;

// Real header: public class Api extends AbstractModelObject.
public class Api {
    public Api(Object bean) {
        throw new UnsupportedOperationException("declaration only");
    }
}
