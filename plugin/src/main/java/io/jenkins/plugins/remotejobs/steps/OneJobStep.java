package io.jenkins.plugins.remotejobs.steps;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step about one job, named by exactly one of {@code job} (a handle), {@code id} or {@code name}:
 * {@code receiveJob}, {@code stopJob}, {@code removeJob}.
 */
abstract class OneJobStep extends SelectorStep {

    @DataBoundSetter
    public void setJob(RemoteJobHandle job) {
        put("job", job);
    }
}
