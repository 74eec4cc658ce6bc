package io.jenkins.plugins.remotejobs.bench;

import org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint;

/**
 * The two durability settings the lanes measure in whose figure is what Pipeline steps cost:
 * Jenkins' default (maximum survivability: the program is saved with every step) and
 * performance-optimized. Each names its pipeline, keys its figures and labels its rows.
 */
enum Durability {
    DEFAULT(null, "", "", ""),
    PERFORMANCE_OPTIMIZED(
            FlowDurabilityHint.PERFORMANCE_OPTIMIZED, "-performance-optimized", "po", ", performance-optimized");

    /** The pipeline's durability hint; null for Jenkins' default. */
    final FlowDurabilityHint hint;

    /** What the labels of its rows end with. */
    final String setting;

    private final String pipelineSuffix;
    private final String keySuffix;

    Durability(FlowDurabilityHint hint, String pipelineSuffix, String keySuffix, String setting) {
        this.hint = hint;
        this.pipelineSuffix = pipelineSuffix;
        this.keySuffix = keySuffix;
        this.setting = setting;
    }

    /** A lane's measurement in one setting. */
    @FunctionalInterface
    interface Measured {
        void measure(Bench b, Durability durability) throws Exception;
    }

    /** The lane that takes {@code measured} in each setting, Jenkins' default first. */
    static Lane inEach(Measured measured) {
        return b -> {
            for (Durability durability : values()) {
                measured.measure(b, durability);
            }
        };
    }

    /** The name of the lane's pipeline in this setting. */
    String pipeline(String name) {
        return name + pipelineSuffix;
    }

    /** The key of the lane's figures in this setting ({@code J1}, {@code J1po}). */
    String key(String lane) {
        return lane + keySuffix;
    }
}
