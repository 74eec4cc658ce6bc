package io.jenkins.plugins.remotejobs.steps;

/** A host's job handle, reduced to what the validator sees. */
record TestJob(String instanceId) implements JobReference {

    private static final long serialVersionUID = 1L;

    static final String ID = "3f2c9a4e-0c1b-4d7e-9a51-2b6f8e0d7c44";
    static final String OTHER_ID = "0e0e0e0e-1111-4222-8333-444455556666";

    static TestJob valid() {
        return new TestJob(ID);
    }

    @Override
    public String getInstanceId() {
        return instanceId;
    }
}
