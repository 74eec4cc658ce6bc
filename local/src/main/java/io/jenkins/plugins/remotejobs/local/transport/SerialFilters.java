package io.jenkins.plugins.remotejobs.local.transport;

import io.jenkins.plugins.remotejobs.protocol.AgentProtocol;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;

/**
 * The three allow-lists of the loopback transport: what an agent accepts as call arguments, what the
 * controller accepts as replies, and what a stub may be made of. Everything not named is rejected.
 */
final class SerialFilters {

    /** The largest byte array a reply may carry; {@link RemoteAgentClient} caps read budgets to it. */
    static final int MAX_REPLY_ARRAY = 64 << 20;

    private static final String PROTOCOL_PACKAGE = AgentProtocol.class.getPackageName();

    private static final Set<Class<?>> BOXES = Set.of(
            Boolean.class,
            Byte.class,
            Character.class,
            Short.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class,
            Number.class,
            Enum.class,
            String.class);

    private SerialFilters() {}

    /** Call arguments on the agent: protocol records and enums, boxes, strings, lists, byte arrays. */
    static ObjectInputFilter arguments() {
        return new AllowListFilter("arguments", SerialFilters::isValue, 12, 1_000_000, 1_000_000, 64L << 20);
    }

    /** Replies on the controller: what arguments may hold, plus exceptions and their stack traces. */
    static ObjectInputFilter replies() {
        return new AllowListFilter(
                "replies",
                c -> isValue(c) || isThrowable(c) || c == StackTraceElement.class,
                64,
                10_000_000,
                MAX_REPLY_ARRAY,
                256L << 20);
    }

    /** A stub read from an agent's ready line: RMI's proxy and invocation handler and our socket factory. */
    static ObjectInputFilter stub() {
        return new AllowListFilter("stub", SerialFilters::isStubPart, 8, 100, 0, 64 << 10);
    }

    private static boolean isValue(Class<?> c) {
        return BOXES.contains(c)
                || (c.getPackageName().equals(PROTOCOL_PACKAGE) && (c.isRecord() || c.isEnum()))
                || c == ArrayList.class
                || c == Collections.emptyList().getClass()
                // List.of & co. travel as java.util.CollSer and come back as ImmutableCollections$...
                || c.getName().equals("java.util.CollSer")
                || c.getName().startsWith("java.util.ImmutableCollections$");
    }

    private static boolean isThrowable(Class<?> c) {
        if (!Throwable.class.isAssignableFrom(c)) {
            return false;
        }
        Module module = c.getModule();
        // JDK exceptions are plain data; each field they hold is filtered on its own.
        return module == Object.class.getModule()
                || module == Remote.class.getModule()
                || JobCacheException.class.isAssignableFrom(c)
                        && c.getPackageName().equals(PROTOCOL_PACKAGE);
    }

    private static boolean isStubPart(Class<?> c) {
        if (Proxy.isProxyClass(c)) {
            Class<?>[] interfaces = c.getInterfaces();
            return interfaces.length == 1 && interfaces[0] == RemoteJobCache.class;
        }
        return c == RemoteJobCache.class
                || c == Proxy.class
                || c == RemoteObjectInvocationHandler.class
                || c == RemoteObject.class
                || c == LoopbackClientSocketFactory.class;
    }
}
