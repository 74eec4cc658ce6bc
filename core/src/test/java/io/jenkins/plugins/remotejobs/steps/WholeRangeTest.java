package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class WholeRangeTest {

    @Test
    void describesItselfForMessages() {
        assertThat(WholeRange.TIMEOUT.describe()).isEqualTo("a whole number of seconds from 1 to 31536000");
        assertThat(WholeRange.WAIT_TIMEOUT.describe()).isEqualTo("a whole number of seconds from 0 to 31536000");
        assertThat(WholeRange.THROTTLE.describe()).isEqualTo("a whole number from 1 to 1000");
        assertThat(WholeRange.JOB_ID.describe()).isEqualTo("a whole number of at least 1");
    }

    @Test
    void boundsAreInclusive() {
        assertThat(WholeRange.THROTTLE.contains(BigDecimal.ONE)).isTrue();
        assertThat(WholeRange.THROTTLE.contains(BigDecimal.valueOf(1000))).isTrue();
        assertThat(WholeRange.THROTTLE.contains(BigDecimal.ZERO)).isFalse();
        assertThat(WholeRange.THROTTLE.contains(BigDecimal.valueOf(1001))).isFalse();
    }

    @Test
    void zeroWithAScaleIsWhole() {
        assertThat(WholeRange.whole(new BigDecimal("0.000"))).isNotNull();
        assertThat(WholeRange.whole(-0.0d)).isNotNull();
    }

    @Test
    void hugeExponentsAreComparedNotExpanded() {
        BigDecimal huge = new BigDecimal("1E+999999999");

        assertThat(WholeRange.whole(huge)).isEqualTo(huge);
        assertThat(WholeRange.JOB_ID.contains(huge)).isFalse();
    }

    @Test
    void fractionsAndTextAreNotWhole() {
        assertThat(WholeRange.whole(new BigDecimal("1E-999999999"))).isNull();
        assertThat(WholeRange.whole(0.5f)).isNull();
        assertThat(WholeRange.whole("1")).isNull();
        assertThat(WholeRange.whole(null)).isNull();
    }
}
