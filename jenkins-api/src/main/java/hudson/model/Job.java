// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/model/Job.java — signatures only.
package hudson.model;

// Real header: public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
// extends AbstractItem implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, HasWidgets.
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {}
