package io.jenkins.plugins.remotejobs;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import java.io.IOException;

/** The remote jobs as the controller's table has them, looked up the way a test names them. */
final class ControllerJobs {

    private ControllerJobs() {}

    /** The job a test started under {@code name} (the first, for a name given more than once). */
    static JobRecord only(String name) throws IOException {
        return RemoteJobsService.get().steps().manager().table().byName(name).get(0);
    }

    /** The state the controller reports for job {@code id}; the job must be in the table. */
    static JobState state(long id) throws IOException {
        return RemoteJobsService.get().steps().manager().info(id).orElseThrow().state();
    }
}
