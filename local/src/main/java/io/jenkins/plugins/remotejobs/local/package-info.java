/** The local host: agent JVMs on this machine, the loopback transport, the script runner. */
package io.jenkins.plugins.remotejobs.local;
