/** The agent protocol: the one interface between the job manager and an agent's job cache. */
package io.jenkins.plugins.remotejobs.protocol;
