/**
 * Collection from agents: one monitor per node on a small shared pool, one call per round for all
 * of a node's jobs; output spooled within its quota; and {@code JobRecorder}, the one place that
 * turns what agents report (or fail to report) into job states.
 */
package io.jenkins.plugins.remotejobs.controller.collection;
