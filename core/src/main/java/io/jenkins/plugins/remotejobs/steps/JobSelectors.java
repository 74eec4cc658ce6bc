package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.protocol.JobIds;

/**
 * Turns what a user passed to name a job into a {@link JobSelector}: the {@code job:}/{@code id:}/
 * {@code name:} trio of {@code receiveJob}, {@code stopJob} and {@code removeJob}, and the items of
 * {@code waitJob}'s {@code jobs:}.
 */
final class JobSelectors {

    static final String HANDLE = "a job handle (what remoteJob or getJob returns)";
    static final String HANDLE_OR_ID = "a job handle or a job id (" + WholeRange.JOB_ID.describe() + ")";

    private JobSelectors() {}

    /**
     * The trio as read, each already checked on its own; {@link #exactlyOne} then checks the
     * combination, so that a type error elsewhere in the call is reported first.
     */
    record Given(JobSelector byHandle, Long id, String name) {

        static Given read(ArgumentReader args) {
            Object job = args.value("job", false);
            return new Given(
                    job == null ? null : handle(args, "job", job),
                    args.wholeNumber("id", WholeRange.JOB_ID),
                    args.text("name", TextKind.NAME));
        }

        JobSelector exactlyOne(ArgumentReader args) {
            args.exactlyOne("job", "id", "name");
            if (byHandle != null) {
                return byHandle;
            }
            return id != null ? JobSelector.ofId(id) : JobSelector.ofName(name);
        }
    }

    /** {@code value} as a handle's selector; anything but a {@link JobReference} is refused. */
    static JobSelector handle(ArgumentReader args, String label, Object value) {
        if (!(value instanceof JobReference reference)) {
            throw args.wrongType(label, HANDLE, value);
        }
        return fromReference(args, label, reference, HANDLE);
    }

    /** {@code value} as a handle's selector or, for a whole number, an id's. */
    static JobSelector handleOrId(ArgumentReader args, String label, Object value) {
        if (value instanceof JobReference reference) {
            return fromReference(args, label, reference, HANDLE_OR_ID);
        }
        if (WholeRange.whole(value) == null) {
            throw args.wrongType(label, HANDLE_OR_ID, value);
        }
        return JobSelector.ofId(args.wholeNumber(label, WholeRange.JOB_ID, value));
    }

    /**
     * A script can implement {@link JobReference} itself in the local host, so the id a handle
     * reports is untrusted input like any other.
     */
    private static JobSelector fromReference(ArgumentReader args, String label, JobReference reference, String rule) {
        String instanceId = reference.getInstanceId();
        if (!JobIds.isValid(instanceId)) {
            throw args.fail(
                    label,
                    "argument '" + label + "' must be " + rule + ", got a job handle with the invalid instance id "
                            + (instanceId == null ? "null" : Values.quote(instanceId)));
        }
        return JobSelector.ofInstanceId(instanceId);
    }
}
