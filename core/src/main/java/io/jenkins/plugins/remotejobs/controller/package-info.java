/**
 * The controller side of the engine: {@link io.jenkins.plugins.remotejobs.controller.JobManager}
 * wires the rooms below it and owns the operations the steps map onto: start ({@code JobStarter},
 * {@code JobLaunches}), receive ({@code JobReceiver}, {@code Delivery}, {@code OutputSource},
 * {@code ReceiveUntilEnd}), wait ({@code JobControl}, {@code WaitRule}), stop ({@code JobStopper})
 * and remove ({@code JobRemover}). Nothing below this package depends on it.
 */
package io.jenkins.plugins.remotejobs.controller;
