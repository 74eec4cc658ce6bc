/**
 * What the controller's rooms and its hosts speak in: a job's record and state, what a step asks
 * for ({@code StartSpec}, {@code ReceiveSpec}, {@code JobQuery}) and gets back, the limits, and the
 * errors a step shows. Plain values; depends on nothing else of the controller.
 */
package io.jenkins.plugins.remotejobs.controller.model;
