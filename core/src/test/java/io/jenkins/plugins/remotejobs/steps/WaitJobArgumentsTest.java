package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitJobArgumentsTest {

    private static String error(Map<String, Object> raw) {
        return Raw.refusal(WaitJobArguments::from, raw);
    }

    @Test
    void jobsMayMixHandlesAndIdsInOrder() {
        WaitJobArguments a = WaitJobArguments.from(args(
                "jobs",
                List.of(
                        TestJob.valid(),
                        3,
                        4L,
                        BigInteger.valueOf(5),
                        new BigDecimal("6.0"),
                        new TestJob(TestJob.OTHER_ID))));

        assertThat(a.jobs())
                .containsExactly(
                        JobSelector.ofInstanceId(TestJob.ID),
                        JobSelector.ofId(3),
                        JobSelector.ofId(4),
                        JobSelector.ofId(5),
                        JobSelector.ofId(6),
                        JobSelector.ofInstanceId(TestJob.OTHER_ID));
    }

    @Test
    void defaultsWaitForAllForever() {
        WaitJobArguments a = WaitJobArguments.from(args("jobs", List.of(1)));

        assertThat(a).isEqualTo(new WaitJobArguments(List.of(JobSelector.ofId(1)), false, null, false));
    }

    @Test
    void everyArgumentIsCarriedOver() {
        WaitJobArguments a =
                WaitJobArguments.from(args("jobs", List.of(1), "any", true, "timeout", 600, "force", true));

        assertThat(a).isEqualTo(new WaitJobArguments(List.of(JobSelector.ofId(1)), true, 600L, true));
    }

    @Test
    void jobsAreRequiredAndNonEmpty() {
        assertThat(error(args("any", true))).isEqualTo("waitJob: argument 'jobs' is required");
        assertThat(error(args("jobs", null))).isEqualTo("waitJob: argument 'jobs' must not be null");
        assertThat(error(args("jobs", List.of())))
                .isEqualTo("waitJob: argument 'jobs' must be a non-empty List of job handles or job ids, such as"
                        + " jobs: [j], got an empty List");
    }

    @Test
    void aSingleHandleIsNotAList() {
        assertThat(error(args("jobs", TestJob.valid())))
                .isEqualTo("waitJob: argument 'jobs' must be a non-empty List of job handles or job ids, such as"
                        + " jobs: [j], got a job handle");
    }

    @Test
    void itemsAreNamedByPosition() {
        assertThat(error(args("jobs", List.of(1, "soak"))))
                .isEqualTo("waitJob: argument 'jobs[1]' must be a job handle or a job id (a whole number of at least"
                        + " 1), got 'soak' (a String)");
        assertThat(error(args("jobs", List.of(0))))
                .isEqualTo("waitJob: argument 'jobs[0]' must be a whole number of at least 1, got 0");
        assertThat(error(args("jobs", List.of(1.5)))).endsWith("got 1.5 (a Double)");
        assertThat(error(args("jobs", List.of(TestJob.valid(), new TestJob("x")))))
                .isEqualTo("waitJob: argument 'jobs[1]' must be a job handle or a job id (a whole number of at least"
                        + " 1), got a job handle with the invalid instance id 'x'");
    }

    @Test
    void nullItemIsNamedByPosition() {
        List<Object> jobs = new ArrayList<>();
        jobs.add(1);
        jobs.add(null);

        assertThat(error(args("jobs", jobs))).isEqualTo("waitJob: argument 'jobs[1]' must not be null");
    }

    @Test
    void timeoutIsFromZeroToAYear() {
        assertThat(WaitJobArguments.from(args("jobs", List.of(1), "timeout", 0)).timeout())
                .isZero();
        assertThat(error(args("jobs", List.of(1), "timeout", -1)))
                .isEqualTo("waitJob: argument 'timeout' must be a whole number of seconds from 0 to 31536000, got -1");
        assertThat(error(args("jobs", List.of(1), "timeout", Long.MAX_VALUE))).endsWith("got 9223372036854775807");
    }

    @Test
    void flagsMustBeBooleans() {
        assertThat(error(args("jobs", List.of(1), "any", "true")))
                .isEqualTo("waitJob: argument 'any' must be true or false, got 'true' (a String)");
        assertThat(error(args("jobs", List.of(1), "force", 0)))
                .isEqualTo("waitJob: argument 'force' must be true or false, got 0 (an Integer)");
    }

    @Test
    void jobsListIsAnImmutableCopy() {
        List<Object> given = new ArrayList<>(List.of(1));
        WaitJobArguments a = WaitJobArguments.from(args("jobs", given));
        given.add(2);

        assertThat(a.jobs()).hasSize(1);
        assertThatThrownBy(() -> a.jobs().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void argumentsSurviveSerialization() throws Exception {
        WaitJobArguments a = WaitJobArguments.from(args("jobs", List.of(TestJob.valid(), 2), "timeout", 5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(a);
        }
    }
}
