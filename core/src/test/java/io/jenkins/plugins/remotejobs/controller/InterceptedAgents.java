package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.AgentDirectory;
import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

/**
 * The real in-process job caches behind a hook that sees every protocol call, for tests that make
 * an agent's timing or answer certain (a lost reply, a refusal, a launch that replies late) or
 * count what crosses: the hook decides, and {@link #proceed} makes the real call.
 */
class InterceptedAgents implements AgentDirectory {

    /** One protocol call on its way to {@code real}. */
    @FunctionalInterface
    interface Hook {
        Object call(AgentProtocol real, Method method, Object[] args) throws Throwable;
    }

    private final InProcessAgents agents;
    private final Hook hook;

    InterceptedAgents(InProcessAgents agents, Hook hook) {
        this.agents = agents;
        this.hook = hook;
    }

    /** The real call, with what it throws thrown as it is. */
    static Object proceed(AgentProtocol real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public List<String> nodes() {
        return agents.nodes();
    }

    @Override
    public List<String> nodesWithLabel(String label) {
        return agents.nodesWithLabel(label);
    }

    @Override
    public boolean exists(String node) {
        return agents.exists(node);
    }

    @Override
    public Optional<AgentProtocol> connect(String node) {
        return agents.connect(node).map(real -> (AgentProtocol) Proxy.newProxyInstance(
                AgentProtocol.class.getClassLoader(),
                new Class<?>[] {AgentProtocol.class},
                (proxy, method, args) -> hook.call(real, method, args)));
    }

    @Override
    public void addListener(AgentListener listener) {
        agents.addListener(listener);
    }
}
