package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.io.Serializable;

/**
 * Which job a step means, the way the user named it: by the number shown in listings ({@code id:}),
 * by a handle (kept as the handle's instance id, so a saved pipeline never holds the handle itself),
 * or by name ({@code name:}). Exactly one component is set; resolving it against the job table is the
 * host's business. The constructor rejects anything else with a plain {@link
 * IllegalArgumentException}, since only code, never a user, reaches it unvalidated.
 *
 * @param id the job's number, at least 1, or {@code null}
 * @param instanceId the job's engine-generated instance id (see {@link JobIds}), or {@code null}
 * @param name the job's exact name (no wildcards), or {@code null}
 */
public record JobSelector(Long id, String instanceId, String name) implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobSelector {
        int set = (id != null ? 1 : 0) + (instanceId != null ? 1 : 0) + (name != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of id, instanceId and name must be set");
        }
        if (id != null && id < 1) {
            throw new IllegalArgumentException("job id must be at least 1: " + id);
        }
        if (instanceId != null && !JobIds.isValid(instanceId)) {
            throw new IllegalArgumentException("invalid instance id " + JobIds.quoteShort(instanceId));
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("job name must not be blank");
        }
    }

    public static JobSelector ofId(long id) {
        return new JobSelector(id, null, null);
    }

    public static JobSelector ofInstanceId(String instanceId) {
        return new JobSelector(null, instanceId, null);
    }

    public static JobSelector ofName(String name) {
        return new JobSelector(null, null, name);
    }

    /** For messages: {@code job 7}, {@code job 3f2c9a4e-...} or {@code job named 'soak'}. */
    public String describe() {
        if (id != null) {
            return "job " + id;
        }
        if (instanceId != null) {
            return "job " + instanceId;
        }
        return "job named " + Values.quote(name);
    }
}
