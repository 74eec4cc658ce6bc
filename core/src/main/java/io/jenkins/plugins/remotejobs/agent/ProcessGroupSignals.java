package io.jenkins.plugins.remotejobs.agent;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends TERM or KILL to everything of a job: its process group and its session (the wrapper leads
 * both), and the descendants it had when the stop began, which may have left both. The JDK cannot
 * signal a process group, so this runs the system's {@code kill} for the group part.
 */
final class ProcessGroupSignals {

    private ProcessGroupSignals() {}

    /** TERM to the job's group, its session's members and {@code tree} (taken when the stop began). */
    static void terminate(JobProcess job, List<ProcessHandle> tree) {
        if (job.idsStillMean()) {
            signalGroup("-TERM", job.pid());
            JobSession.members(job.pid()).forEach(ProcessHandle::destroy);
        }
        tree.forEach(ProcessHandle::destroy);
    }

    /**
     * KILL to the job's group, its session's members as they are now (a member that ignored TERM
     * may have started more), and whatever of {@code tree} still runs.
     */
    static void kill(JobProcess job, List<ProcessHandle> tree) {
        if (job.idsStillMean()) {
            signalGroup("-KILL", job.pid());
            JobSession.members(job.pid()).forEach(ProcessHandle::destroyForcibly);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void signalGroup(String signal, long groupId) {
        try {
            Process kill = new ProcessBuilder("kill", signal, "--", "-" + groupId)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1) on this system: the per-process signals in the caller still apply.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
