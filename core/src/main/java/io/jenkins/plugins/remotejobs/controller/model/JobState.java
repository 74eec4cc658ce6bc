package io.jenkins.plugins.remotejobs.controller.model;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** PowerShell's job states, the subset that applies, plus {@code Lost}; labels are what users write. */
public enum JobState {
    NOT_STARTED("NotStarted"),
    RUNNING("Running"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    STOPPED("Stopped"),
    DISCONNECTED("Disconnected"),
    LOST("Lost");

    private final String label;

    JobState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Nothing will change any more: Completed, Failed, Stopped or Lost. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == STOPPED || this == LOST;
    }

    /** Where a wait without {@code force} returns (PowerShell's "persistent" states): finished or Disconnected. */
    public boolean endsWait(boolean force) {
        return isFinished() || (!force && this == DISCONNECTED);
    }

    public static Optional<JobState> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(JobState::label).toList();
    }

    /** The controller state an agent-side state maps to. */
    public static JobState of(AgentJobState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case STOPPED -> STOPPED;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
