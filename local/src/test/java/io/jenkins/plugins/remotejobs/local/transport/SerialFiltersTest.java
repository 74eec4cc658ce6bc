package io.jenkins.plugins.remotejobs.local.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.Chunk;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-lists on their own, without RMI around them. */
class SerialFiltersTest {

    @TempDir
    Path dir;

    private final String id = JobIds.newInstanceId();

    @Test
    void argumentsAcceptEverythingTheProtocolSends() throws Exception {
        Object[] arguments = {
            AgentSecret.generate().bytes(),
            new LaunchRequest(id, "n", "sh", "x".repeat(1 << 20), "/tmp", List.of("A=1", "B=2"), 5, true),
            List.of(new ReadRequest(id, StreamName.STDERR, 3, 10, AgentJobState.RUNNING)),
            new ArrayList<>(List.of(new ReadRequest(id, StreamName.STDOUT, 0, 0, null))),
            StreamName.STDOUT,
            id
        };
        for (Object argument : arguments) {
            assertThat(roundTrip(argument, SerialFilters.arguments())).isNotNull();
        }
    }

    @Test
    void argumentsRejectEverythingElse() {
        Object[] rejected = {
            new HashMap<>(Map.of("a", "b")),
            new LinkedList<>(List.of("a")),
            List.of(new NotAllowed(dir.resolve("ran"))),
            new JobCacheException(JobCacheException.Kind.BAD_REQUEST, "exceptions are replies, not arguments")
        };
        for (Object argument : rejected) {
            assertThatThrownBy(() -> roundTrip(argument, SerialFilters.arguments()))
                    .as(argument.getClass().getName())
                    .isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("REJECTED");
        }
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void argumentsRejectDeepNesting() {
        Object nested = List.of();
        for (int i = 0; i < 20; i++) {
            nested = List.of(nested);
        }
        Object deep = nested;
        assertThatThrownBy(() -> roundTrip(deep, SerialFilters.arguments())).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void repliesAcceptResultsAndTheExceptionsAnAgentThrows() throws Exception {
        Object[] replies = {
            status(),
            List.copyOf(List.of(status(), status())),
            new ReadResult(List.of(new Chunk(id, StreamName.STDOUT, 0, new byte[1000])), List.of(status())),
            new JobCacheException(JobCacheException.Kind.NO_SUCH_JOB, "no job"),
            new IOException("disk", new FileNotFoundException("gone")),
            new SecurityException("wrong secret"),
            new java.rmi.ServerException("x", new java.rmi.UnmarshalException("y", new InvalidClassException("z")))
        };
        for (Object reply : replies) {
            assertThat(roundTrip(reply, SerialFilters.replies())).isNotNull();
        }
    }

    @Test
    void repliesRejectForeignClassesEvenInsideAnAllowedException() {
        Object[] rejected = {
            new NotAllowedException(), new IOException("wrapper", new NotAllowedException()), new HashMap<>()
        };
        for (Object reply : rejected) {
            assertThatThrownBy(() -> roundTrip(reply, SerialFilters.replies()))
                    .isInstanceOf(InvalidClassException.class);
        }
    }

    @Test
    void repliesRejectArraysAboveTheCap() {
        Chunk huge = new Chunk(id, StreamName.STDOUT, 0, new byte[SerialFilters.MAX_REPLY_ARRAY + 1]);
        assertThatThrownBy(() -> roundTrip(huge, SerialFilters.replies())).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void stubsMayOnlyHoldRmiPartsAndOurSocketFactory() {
        assertThatThrownBy(() -> roundTrip(List.of("not a stub"), SerialFilters.stub()))
                .isInstanceOf(InvalidClassException.class);
    }

    private JobStatus status() {
        return new JobStatus(id, "n", "c", AgentJobState.FAILED, 3, "r", 1, 2, 0, 0, false, false, "UTF-8", 1, 2);
    }

    private static Object roundTrip(Object value, ObjectInputFilter filter) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
