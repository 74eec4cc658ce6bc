/**
 * What a host (Jenkins, the local host) provides to the engine: its agents ({@code AgentDirectory}),
 * the step that calls ({@code Caller}: its build log and workspace). The engine never reaches a
 * host any other way.
 */
package io.jenkins.plugins.remotejobs.controller.host;
