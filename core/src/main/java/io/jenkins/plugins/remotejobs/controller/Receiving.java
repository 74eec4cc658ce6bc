package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Receipt;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * One receive: which job, how, and for whom; what its passes ({@link ReceivePass}), its wait
 * ({@link ReceiveUntilEnd}) and where its output goes ({@link Delivery}) all go by.
 *
 * @param callId the step call it runs for (bounded; {@code null} where calls are never run again):
 *     it consumes under it, and a file it writes is named by it
 * @param replays by child id, what an earlier run of this same call consumed: handed out again
 */
record Receiving(
        JobManager manager, JobRecord job, ReceiveSpec spec, Caller caller, String callId, Map<Long, Receipt> replays) {

    /** A receive of {@code job}, finding what an earlier run of the caller's call consumed, if anything. */
    static Receiving of(JobManager manager, JobRecord job, ReceiveSpec spec, Caller caller) {
        String callId = caller.callId();
        if (callId == null || callId.length() > Receipt.MAX_CALL_ID) {
            return new Receiving(manager, job, spec, caller, null, Map.of());
        }
        if (spec.keep()) {
            return new Receiving(manager, job, spec, caller, callId, Map.of()); // consumes nothing to hand out again
        }
        Map<Long, Receipt> replays = new HashMap<>();
        for (JobRecord child : manager.children(job)) {
            Receipt receipt = child.receipt();
            if (receipt != null && receipt.callId().equals(callId)) {
                replays.put(child.id(), receipt);
            }
        }
        return new Receiving(manager, job, spec, caller, callId, Map.copyOf(replays));
    }
}
