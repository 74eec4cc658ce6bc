package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.Receipt;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Controller mode: the output is in the controller's spool, its cursors in the job table; no agent call. */
final class SpoolOutput implements OutputSource {
    private final JobManager manager;
    private final long id;
    private final String instanceId;

    SpoolOutput(JobManager manager, JobRecord job) {
        this.manager = manager;
        this.id = job.id();
        this.instanceId = job.instanceId();
    }

    @Override
    public long[] range(StreamName stream) throws IOException {
        JobRecord r = manager.table().get(id).orElseThrow(() -> new JobException("job " + id + " was removed"));
        return new long[] {r.consumed(stream), manager.spool().length(instanceId, stream)};
    }

    @Override
    public List<Pending> pending(List<StreamName> streams, long[] notBefore, int headBytes, boolean consuming)
            throws IOException {
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            long[] range = range(streams.get(i));
            pending.add(new Pending(streams.get(i), Math.max(range[0], notBefore[i]), range[1], NO_BYTES));
        }
        return pending;
    }

    @Override
    public boolean answersLocally(List<StreamName> streams) {
        return true;
    }

    @Override
    public byte[] read(StreamName stream, long offset, int max) throws IOException {
        return manager.spool().read(instanceId, stream, offset, max);
    }

    @Override
    public boolean commit(StreamName stream, long expected, long to, String callId) {
        boolean[] won = {false};
        manager.table()
                .update(
                        id,
                        r -> {
                            long current = r.consumed(stream);
                            // Strictly compare-and-set: a cursor at or beyond `to` may be
                            // another receive's claim of these very bytes.
                            if (current != expected) {
                                return r;
                            }
                            won[0] = true;
                            // The receipt in the same journal entry as the cursor: both or neither.
                            return r.with(b -> {
                                b.consumed(stream, to);
                                if (callId != null) {
                                    b.receipt = Receipt.after(r.receipt(), callId, stream, expected, to);
                                }
                            });
                        },
                        true);
        return won[0];
    }
}
