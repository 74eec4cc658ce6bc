// Declaration of org.jenkins-ci.main:remoting 3355.3357.v931d3c992987, src/main/java/hudson/remoting/Future.java —
// signatures only.
// Checked against jenkinsci/remoting tag 3355.v388858a_47b_33 (the base of the 3355.x line; this file is
// unchanged from there to master fa5f12a8). The backport commit 931d3c992987 itself was not available.
package hudson.remoting;

public interface Future<V> extends java.util.concurrent.Future<V> {}
