package io.jenkins.plugins.remotejobs.agent;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends TERM or KILL to a job's whole process group (the wrapper leads its own session and group)
 * and to the descendants it had when the stop began, which may have left the group. The JDK cannot
 * signal a process group, so this runs the system's {@code kill} for the group part.
 */
final class ProcessGroupSignals {

    private ProcessGroupSignals() {}

    static void terminate(long groupId, List<ProcessHandle> tree) {
        signalGroup("-TERM", groupId);
        tree.forEach(ProcessHandle::destroy);
    }

    static void kill(long groupId, List<ProcessHandle> tree) {
        signalGroup("-KILL", groupId);
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
