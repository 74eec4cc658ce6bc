/**
 * Waiting without a thread per wait: rounds run again when the job table changes or their recheck
 * time comes ({@code Waits}), and steps wait for agents to connect ({@code AgentWaits}).
 */
package io.jenkins.plugins.remotejobs.controller.waits;
