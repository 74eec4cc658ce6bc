package io.jenkins.plugins.remotejobs.steps;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An inclusive range of whole numbers an argument accepts, and the one place that decides which
 * Groovy values count as whole numbers: every integral type, and decimals only when integral
 * ({@code 60.0} is sixty seconds; {@code 1.5} is refused rather than rounded).
 *
 * @param unit what the number counts, for messages ({@code seconds}), or {@code null}
 */
record WholeRange(long min, long max, String unit) {

    static final WholeRange JOB_ID = new WholeRange(1, Long.MAX_VALUE, null);
    static final WholeRange TIMEOUT = new WholeRange(1, StepLimits.MAX_TIMEOUT_SECONDS, "seconds");
    static final WholeRange WAIT_TIMEOUT = new WholeRange(0, StepLimits.MAX_TIMEOUT_SECONDS, "seconds");
    static final WholeRange THROTTLE = new WholeRange(1, StepLimits.MAX_THROTTLE, null);

    /** {@code a whole number of seconds from 1 to 31536000}, {@code a whole number of at least 1}. */
    String describe() {
        String what = unit == null ? "a whole number" : "a whole number of " + unit;
        return max == Long.MAX_VALUE ? what + " of at least " + min : what + " from " + min + " to " + max;
    }

    boolean contains(BigDecimal value) {
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** The value as an exact decimal when it is a whole number of an accepted type, else {@code null}. */
    static BigDecimal whole(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal big) {
            return big.signum() == 0 || big.stripTrailingZeros().scale() <= 0 ? big : null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? new BigDecimal(d) : null;
        }
        return null;
    }
}
