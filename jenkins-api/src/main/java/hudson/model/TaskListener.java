// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/TaskListener.java —
// signatures only.
package hudson.model;

import java.io.PrintStream;

// Real header: public interface TaskListener extends SerializableOnlyOverRemoting.
public interface TaskListener {
    PrintStream getLogger();
}
