package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@code sh} launcher: each job runs under a {@code setsid sh} wrapper of its own, which notes
 * its pid, records its exit status and enforces its timeout and stop escalation (see {@link
 * ShellCommand}).
 */
final class WrapperLauncher implements ProcessLauncher {

    private static final File DEV_NULL = new File("/dev/null");

    /** How long a launch looks for the wrapper's note of its pid, by default. */
    static final Duration NOTE_TIMEOUT = Duration.ofSeconds(60);

    /** What a launch that gave up notes in the wrapper's place (no pid: nothing to find). */
    static final String GAVE_UP = "launch gave up\n";

    /** How long a note the wrapper began may take to be complete, once the launch's wait is over. */
    private static final long TORN_NOTE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** The stop grace the wrapper enforces, in whole seconds (at least one). */
    private final long graceSeconds;

    /** Whether {@code setsid} forks the wrapper itself; else a launcher {@code sh} does. */
    private final BooleanSupplier setsidForks;

    /** How long a launch looks for the wrapper's note of its pid. */
    private final Duration noteTimeout;

    WrapperLauncher(long graceSeconds) {
        this(graceSeconds, ShellCommand::setsidForks, NOTE_TIMEOUT);
    }

    WrapperLauncher(long graceSeconds, BooleanSupplier setsidForks, Duration noteTimeout) {
        this.graceSeconds = graceSeconds;
        this.setsidForks = setsidForks;
        this.noteTimeout = noteTimeout;
    }

    @Override
    public String unavailableReason(String shell) {
        return ShellCommand.unavailableReason(shell);
    }

    @Override
    public JobProcess start(JobFiles files, LaunchRequest request, Path workDir, long startedAt) throws IOException {
        Path script = files.script(ShellCommand.extension(request.shell()));
        Files.writeString(script, request.script(), StandardCharsets.UTF_8);
        boolean shebang = request.shell().equals("sh") && request.script().startsWith("#!");
        if (shebang) {
            script.toFile().setExecutable(true, true);
        }
        ProcessBuilder pb = new ProcessBuilder(ShellCommand.commandLine(
                        request.shell(),
                        script,
                        files,
                        request.timeoutSeconds(),
                        graceSeconds,
                        shebang,
                        setsidForks.getAsBoolean()))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        files.output(StreamName.STDOUT).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        files.output(StreamName.STDERR).toFile()));
        JobEnvironment.prepare(pb.environment(), request.env());
        return JobProcess.detached(notedPid(pb.start(), files, noteTimeout));
    }

    /**
     * The pid the wrapper noted as its first act. The process started exits at once, having
     * forked the wrapper, so the note is looked for until the wrapper has had ample time to run,
     * however loaded the machine. A launch that gives up claims the note itself, which a wrapper
     * that comes later cannot overwrite: it then runs nothing, so a job recorded as failed never
     * runs unseen.
     */
    static long notedPid(Process starter, JobFiles files, Duration noteTimeout) throws IOException {
        long deadline = System.nanoTime() + noteTimeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        boolean interrupted = false;
        boolean wrapperWasFirst = false;
        File note = files.launched().toFile();
        try {
            while (true) {
                // File.length: no exception while the note is not there yet (the common case).
                String noted = note.length() > 0 ? AtomicFiles.readString(files.launched()) : null;
                if (noted != null && noted.endsWith("\n")) {
                    try {
                        return Long.parseLong(noted.trim());
                    } catch (NumberFormatException e) {
                        throw new IOException("the job's wrapper noted no pid but '" + noted.trim() + "'");
                    }
                }
                if ((noted == null || noted.isEmpty()) && !starter.isAlive() && starter.exitValue() != 0) {
                    throw new IOException("the job's wrapper could not be started (exit code " + starter.exitValue()
                            + "; see the job's stderr)");
                }
                if (System.nanoTime() - deadline > 0) {
                    if (wrapperWasFirst) {
                        // It began its note and never finished it: it could not write it (a full
                        // disk), and a wrapper that cannot note its pid runs nothing.
                        throw new IOException("the job's wrapper could not note its pid (see the job's stderr)");
                    }
                    if (claimNote(files)) {
                        throw new IOException("the job's wrapper did not start within " + noteTimeout.toSeconds()
                                + " s (see the job's stderr); it will not run");
                    }
                    wrapperWasFirst = true; // a moment more for it to finish the note
                    deadline = System.nanoTime() + TORN_NOTE_GRACE_NANOS;
                }
                LockSupport.parkNanos(pause);
                // Not a reason to give up: the wrapper may be running already.
                interrupted |= Thread.interrupted();
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes the wrapper's place in its note; false when the wrapper was there first. */
    private static boolean claimNote(JobFiles files) throws IOException {
        try {
            Files.writeString(files.launched(), GAVE_UP, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void close() {}
}
