package io.jenkins.plugins.remotejobs.remoting;

import hudson.Extension;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import jenkins.security.CustomClassFilter;

/**
 * Lets the agent protocol's own values (plain records and enums of the engine's {@code protocol}
 * package, which travels inside this plugin as a library jar) cross the remoting channel. Jenkins'
 * class filter admits classes of plugin jars but not of the libraries they bundle; nothing beyond
 * this one package of ours is admitted.
 */
@Extension
public final class ProtocolClassFilter implements CustomClassFilter {

    private static final String PROTOCOL_PACKAGE = AgentProtocol.class.getPackageName() + ".";

    @Override
    public Boolean permits(Class<?> c) {
        return c.getName().startsWith(PROTOCOL_PACKAGE) && c.getClassLoader() == AgentProtocol.class.getClassLoader()
                ? Boolean.TRUE
                : null;
    }
}
