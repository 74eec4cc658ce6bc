package io.jenkins.plugins.remotejobs.steps;

import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step about one job, named by exactly one of {@code job} (a handle), {@code id} or {@code name}:
 * {@code receiveJob}, {@code stopJob}, {@code removeJob}.
 */
abstract class SelectorStep extends ArgumentsStep {

    SelectorStep(Map<String, Object> raw) {
        super(raw);
    }

    public RemoteJobHandle getJob() {
        return get("job", RemoteJobHandle.class, null);
    }

    @DataBoundSetter
    public void setJob(RemoteJobHandle job) {
        put("job", job);
    }

    public Integer getId() {
        Number n = get("id", Number.class, null);
        return n == null ? null : n.intValue();
    }

    @DataBoundSetter
    public void setId(Integer id) {
        put("id", id);
    }

    public String getName() {
        return get("name", String.class, null);
    }

    @DataBoundSetter
    public void setName(String name) {
        put("name", RemoteJobStep.emptyToNull(name));
    }
}
