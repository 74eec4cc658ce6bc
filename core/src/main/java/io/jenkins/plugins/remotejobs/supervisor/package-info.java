/**
 * The portable launcher: one small JVM per agent job cache, {@link
 * io.jenkins.plugins.remotejobs.supervisor.JobSupervisor}, that starts the cache's jobs as its own
 * children, records their exit codes, and enforces their timeouts and stop escalation while no
 * agent JVM runs. It is how jobs run on Windows, where there is no {@code setsid sh} to stand beside
 * a job, and it runs on Linux too (the agent setting {@code launcher=portable}) so that every fault
 * test covers it on machines without Windows.
 *
 * <p>The agent hands it a job over a local socket (so that {@code env:} values and credentials
 * travel in memory only, never through the disk) and learns everything after that from the job's
 * files, exactly as with the {@code sh} wrapper. What differs between operating systems, and only
 * that, sits behind {@link io.jenkins.plugins.remotejobs.supervisor.Platform}. The classes of this
 * package use nothing but the JDK and two file helpers: they run from a jar the agent writes into
 * the cache ({@link io.jenkins.plugins.remotejobs.supervisor.SupervisorJar}), where no plugin class
 * path exists.
 */
package io.jenkins.plugins.remotejobs.supervisor;
