// Declaration of org.jenkins-ci.main:remoting 3355.3357.v931d3c992987, src/main/java/hudson/remoting/Callable.java —
// signatures only.
// Checked against jenkinsci/remoting tag 3355.v388858a_47b_33 (the base of the 3355.x line; this file is
// unchanged from there to master fa5f12a8). The backport commit 931d3c992987 itself was not available.
package hudson.remoting;

import java.io.Serializable;

// Real header: public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive.
public interface Callable<V, T extends Throwable> extends Serializable {
    V call() throws T;
}
