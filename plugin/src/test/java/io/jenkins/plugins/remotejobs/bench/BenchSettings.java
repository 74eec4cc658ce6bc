package io.jenkins.plugins.remotejobs.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes and sample counts: the full run, or a quick one ({@code -Dremotejobs.bench.quick=true})
 * that checks every lane works in about a third of the time. {@code -Dremotejobs.bench.mib=N}
 * overrides the size of the bulk lanes.
 */
record BenchSettings(
        boolean quick,
        long bulkBytes,
        int smallWarmUp,
        int smallSamples,
        int stepWarmUp,
        int stepSamples,
        int fanJobs,
        int fanSeconds,
        int fanSamples,
        int bulkSamples,
        int manyJobs,
        int manyWarmUp) {

    static final int AGENTS = 4;

    static BenchSettings fromSystemProperties() {
        boolean quick = Boolean.getBoolean("remotejobs.bench.quick");
        long mib = Long.getLong("remotejobs.bench.mib", quick ? 64 : 256);
        return quick
                ? new BenchSettings(true, mib << 20, 5, 10, 10, 30, 8, 2, 1, 1, 200, 40)
                : new BenchSettings(false, mib << 20, 10, 30, 20, 100, 8, 2, 3, 3, 1000, 100);
    }

    String mib() {
        return (bulkBytes >> 20) + " MiB";
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("agents", AGENTS);
        m.put("bulkBytes", bulkBytes);
        m.put("smallJob", Map.of("warmUp", smallWarmUp, "samples", smallSamples));
        m.put("stepCost", Map.of("warmUp", stepWarmUp, "samples", stepSamples));
        m.put("fanOut", Map.of("jobs", fanJobs, "seconds", fanSeconds, "samples", fanSamples));
        m.put("bulk", Map.of("warmUp", 1, "samples", bulkSamples));
        m.put("manyJobs", Map.of("jobs", manyJobs, "warmUp", manyWarmUp));
        return m;
    }
}
