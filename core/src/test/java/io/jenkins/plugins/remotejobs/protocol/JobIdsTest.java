package io.jenkins.plugins.remotejobs.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Derived instance ids: the same for the same durable key, distinct otherwise, and valid ids. */
class JobIdsTest {

    @Test
    void derivedIdsAreStableDistinctAndCanonical() {
        String parent = JobIds.instanceIdOf("deploy#1 1765000000000 3");
        assertThat(JobIds.instanceIdOf("deploy#1 1765000000000 3")).isEqualTo(parent);
        // The same name and number, recreated (another timestamp), or another step: another id.
        Set<String> ids = Set.of(
                parent,
                JobIds.instanceIdOf("deploy#1 1765000999999 3"),
                JobIds.instanceIdOf("deploy#1 1765000000000 4"),
                JobIds.childInstanceId(parent, "agent-1"),
                JobIds.childInstanceId(parent, "agent-2"));
        assertThat(ids)
                .hasSize(5)
                .allSatisfy(id -> assertThat(JobIds.isValid(id)).as(id).isTrue());
        assertThat(JobIds.childInstanceId(parent, "agent-1")).isEqualTo(JobIds.childInstanceId(parent, "agent-1"));
    }
}
