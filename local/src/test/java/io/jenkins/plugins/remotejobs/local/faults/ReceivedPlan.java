package io.jenkins.plugins.remotejobs.local.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How the R1 and R2 scenarios end, once the fault is over: one script waits for every planned job,
 * reports each one's final state and receives both its streams into files; then what it reported
 * and received is checked against the plan. A stream lost or delivered twice shows in the files.
 */
final class ReceivedPlan {

    private ReceivedPlan() {}

    /**
     * The script: for each of {@code ids}, a line {@code state-ID=STATE EXIT}, its standard output
     * received into {@code dir/ID.out} and its standard error into {@code dir/ID.err}, then {@code
     * perJob} (Groovy that may use {@code id} and the job {@code j}).
     */
    static String script(List<Long> ids, String dir, String perJob) {
        return """
                def ids = %1$s
                waitJob jobs: ids, timeout: 600
                for (id in ids) {
                    def j = getJob(id: id, quiet: true)[0]
                    echo "state-${id}=${j.state} ${j.exitCode}"
                    receiveJob id: id, file: "%2$s/${id}.out", quiet: true
                    receiveJob id: id, stream: 'stderr', file: "%2$s/${id}.err", quiet: true
                %3$s}
                """.formatted(ids, dir, perJob.indent(4));
    }

    /**
     * Checks each job's reported state ({@code values} reads the script's lines) and its received
     * streams in {@code dir} into {@code streams}; returns the jobs that ended in a state other than
     * the plan's.
     */
    static List<String> check(
            List<PlannedJob> plan, List<Long> ids, UnaryOperator<String> values, Path dir, StreamCheck streams) {
        List<String> wrongStates = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedJob job = plan.get(i);
            long id = ids.get(i);
            String state = values.apply("state-" + id);
            String expected = job.expectedState() + " " + job.exitCode();
            if (!expected.equals(state)) {
                wrongStates.add(job.name() + " (id " + id + "): " + state + ", expected " + expected);
            }
            streams.check(job.name() + " stdout", job.stdout(), dir.resolve(id + ".out"));
            streams.check(job.name() + " stderr", job.stderrOrNothing(), dir.resolve(id + ".err"));
        }
        return wrongStates;
    }
}
