package io.jenkins.plugins.remotejobs.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.local.bench.BenchRunner.Outcome;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void aMissedTargetExitsZeroUnlessFailOnMissAndAFailedBenchmarkAlwaysOne() {
        assertThat(BenchCommand.exitCode(Outcome.MET, false)).isZero();
        assertThat(BenchCommand.exitCode(Outcome.MET, true)).isZero();
        assertThat(BenchCommand.exitCode(Outcome.MISSED, false)).isZero();
        assertThat(BenchCommand.exitCode(Outcome.MISSED, true)).isEqualTo(3);
        assertThat(BenchCommand.exitCode(Outcome.FAILED, false)).isEqualTo(1);
        assertThat(BenchCommand.exitCode(Outcome.FAILED, true)).isEqualTo(1);
    }
}
