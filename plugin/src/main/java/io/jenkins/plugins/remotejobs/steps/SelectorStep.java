package io.jenkins.plugins.remotejobs.steps;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that selects jobs by {@code id} or {@code name}: {@code getJob}, and through {@link
 * OneJobStep} the steps about one job. The arguments are declared here once for all of them.
 */
abstract class SelectorStep extends ArgumentsStep {

    @DataBoundSetter
    public void setId(Integer id) {
        put("id", id);
    }

    @DataBoundSetter
    public void setName(String name) {
        putText("name", name);
    }
}
