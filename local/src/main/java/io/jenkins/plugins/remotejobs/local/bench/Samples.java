package io.jenkins.plugins.remotejobs.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of one kind, in nanoseconds, and their percentiles (nearest rank). */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    void add(long n) {
        nanos.add(n);
    }

    int size() {
        return nanos.size();
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    double percentileMillis(double p) {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    double meanMillis() {
        return nanos.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }
}
