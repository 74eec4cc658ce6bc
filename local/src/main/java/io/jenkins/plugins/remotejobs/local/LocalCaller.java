package io.jenkins.plugins.remotejobs.local;

import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.host.DirectoryWorkspace;
import io.jenkins.plugins.remotejobs.controller.host.Workspace;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import java.nio.file.Path;

/**
 * A caller on the local host, a script run or the benchmark: it owns every job under its home
 * (there are no other users), and its workspace is a directory of this machine.
 *
 * @param owner who the jobs belong to ({@code local}, {@code bench})
 * @param build the run, as a build is named
 * @param log where the steps write ({@link BuildLog#NONE}: nowhere)
 * @param directory the workspace: where the run started, or an agent's inside {@code node(name) { }}
 */
public record LocalCaller(String owner, String build, BuildLog log, Path directory) implements Caller {

    /** The same caller working in {@code workspace}. */
    public LocalCaller in(Path workspace) {
        return new LocalCaller(owner, build, log, workspace);
    }

    @Override
    public boolean mayReach(JobRecord job) {
        return true;
    }

    @Override
    public Workspace workspace() {
        return new DirectoryWorkspace(directory);
    }
}
