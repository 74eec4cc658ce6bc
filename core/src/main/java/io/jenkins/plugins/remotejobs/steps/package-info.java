/**
 * The six steps' user contract in code: the names of the steps and their arguments, and the one
 * validator both hosts run on the raw named arguments a script passes. Each {@code *Arguments}
 * record's {@code from(Map)} either returns typed, immutable arguments or throws a {@link
 * io.jenkins.plugins.remotejobs.steps.StepArgumentException} whose message is meant for the script's
 * author. Nothing here touches a job; the hosts do that with what these records hold.
 */
package io.jenkins.plugins.remotejobs.steps;
