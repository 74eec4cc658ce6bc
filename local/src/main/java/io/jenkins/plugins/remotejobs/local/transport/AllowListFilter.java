package io.jenkins.plugins.remotejobs.local.transport;

import java.io.ObjectInputFilter;
import java.util.function.Predicate;

/**
 * A deserialization filter that allows only the classes its predicate accepts and rejects streams
 * that are too deep, too long or hold too many objects. Arrays are judged by their element type, so
 * {@code byte[]} and {@code Object[]} pass while each element is still checked as it is read.
 */
final class AllowListFilter implements ObjectInputFilter {

    private final String name;
    private final Predicate<Class<?>> allowed;
    private final long maxDepth;
    private final long maxReferences;
    private final long maxArrayLength;
    private final long maxStreamBytes;

    AllowListFilter(
            String name,
            Predicate<Class<?>> allowed,
            long maxDepth,
            long maxReferences,
            long maxArrayLength,
            long maxStreamBytes) {
        this.name = name;
        this.allowed = allowed;
        this.maxDepth = maxDepth;
        this.maxReferences = maxReferences;
        this.maxArrayLength = maxArrayLength;
        this.maxStreamBytes = maxStreamBytes;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > maxDepth
                || info.references() > maxReferences
                || info.arrayLength() > maxArrayLength
                || info.streamBytes() > maxStreamBytes) {
            return Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.ALLOWED;
        }
        if (c.isArray()) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            return element.isPrimitive() || element == Object.class || allowed.test(element)
                    ? Status.ALLOWED
                    : Status.REJECTED;
        }
        return allowed.test(c) ? Status.ALLOWED : Status.REJECTED;
    }

    long maxArrayLength() {
        return maxArrayLength;
    }

    @Override
    public String toString() {
        return "AllowListFilter[" + name + "]";
    }
}
