package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The wrapper of a job whose agent died between starting it and recording its pid: its launcher
 * noted the pid in the job's directory first. A pid alone may have been reused since, so the
 * process is taken for the wrapper only when its command line names this job's exit status file,
 * which only this job's wrapper has among its arguments; else the job stays without a process
 * (it reads as stopped while launching).
 */
final class LaunchedWrapper {

    private LaunchedWrapper() {}

    /** The job's wrapper, still running, found by the pid its launcher noted; {@code null} if none. */
    static JobProcess find(JobFiles files) throws IOException {
        String noted = AtomicFiles.readString(files.launched());
        if (noted == null || !noted.endsWith("\n")) {
            return null; // never written, or torn: nothing to go by
        }
        long pid;
        try {
            pid = Long.parseLong(noted.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (!commandLineNames(pid, files.exit().toString())) {
            return null;
        }
        JobProcess wrapper = JobProcess.detached(pid);
        return wrapper.startTicks() < 0 && wrapper.startMillis() == JobProcess.ENDED_AT_LAUNCH ? null : wrapper;
    }

    /** Whether process {@code pid} is running with {@code argument} among its arguments (Linux: /proc). */
    private static boolean commandLineNames(long pid, String argument) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return false; // gone, or no /proc here
        }
        for (String arg : new String(cmdline, StandardCharsets.UTF_8).split("\0")) {
            if (arg.equals(argument)) {
                return true;
            }
        }
        return false;
    }
}
