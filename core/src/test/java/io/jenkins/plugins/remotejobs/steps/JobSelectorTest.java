package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class JobSelectorTest {

    @Test
    void factoriesSetExactlyOneComponent() {
        assertThat(JobSelector.ofId(7)).isEqualTo(new JobSelector(7L, null, null));
        assertThat(JobSelector.ofInstanceId(TestJob.ID)).isEqualTo(new JobSelector(null, TestJob.ID, null));
        assertThat(JobSelector.ofName("soak")).isEqualTo(new JobSelector(null, null, "soak"));
    }

    @Test
    void describesTheJobForMessages() {
        assertThat(JobSelector.ofId(7).describe()).isEqualTo("job 7");
        assertThat(JobSelector.ofInstanceId(TestJob.ID).describe()).isEqualTo("job " + TestJob.ID);
        assertThat(JobSelector.ofName("soak").describe()).isEqualTo("job named 'soak'");
        assertThat(JobSelector.ofName("a\u0000b").describe()).isEqualTo("job named 'a\\u0000b'");
    }

    @Test
    void refusesNoneOrSeveralComponents() {
        assertThatThrownBy(() -> new JobSelector(null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactly one of id, instanceId and name must be set");
        assertThatThrownBy(() -> new JobSelector(1L, null, "soak")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesInvalidComponents() {
        assertThatThrownBy(() -> JobSelector.ofId(0)).hasMessage("job id must be at least 1: 0");
        assertThatThrownBy(() -> JobSelector.ofInstanceId("../x")).hasMessage("invalid instance id '../x'");
        assertThatThrownBy(() -> JobSelector.ofName(" ")).hasMessage("job name must not be blank");
    }

    @Test
    void survivesSerialization() throws Exception {
        JobSelector selector = JobSelector.ofName("soak");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(selector);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(selector);
        }
    }
}
