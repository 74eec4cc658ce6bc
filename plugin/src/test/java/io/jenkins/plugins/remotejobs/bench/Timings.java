package io.jenkins.plugins.remotejobs.bench;

import io.jenkins.plugins.remotejobs.bench.report.Samples;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the benchmark's pipelines put their figures. A pipeline times its own steps with {@code
 * System.nanoTime()} around them (the build's start and end, which neither lane nor baseline pays
 * per step, stay out of every figure) and records each sample here; the benchmark reads them once
 * the build is over. Public because the pipelines call it from Groovy.
 */
public final class Timings {

    private static final Map<String, List<Long>> SAMPLES = new ConcurrentHashMap<>();

    private Timings() {}

    /** One sample under {@code key}: a duration in nanoseconds, or a count. */
    public static void record(String key, long value) {
        SAMPLES.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** The controller's live threads now, under {@code key}. */
    public static void threads(String key) {
        record(key, ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** The samples recorded under {@code key}, in order; fails if the lane recorded none. */
    static Samples take(String key) {
        List<Long> values = SAMPLES.remove(key);
        if (values == null || values.isEmpty()) {
            throw new IllegalStateException("no samples recorded under " + key);
        }
        return new Samples(values);
    }
}
