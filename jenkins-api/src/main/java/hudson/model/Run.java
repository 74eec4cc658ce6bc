// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Run.java — signatures only.
package hudson.model;

import org.springframework.security.access.AccessDeniedException;

// Real header: public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
// implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster,
// StaplerProxy, HistoricalBuild, WithConsoleUrl.
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    public JobT getParent() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("declaration only");
    }

    public final long getTimeInMillis() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("declaration only");
    }
}
