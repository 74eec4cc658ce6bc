package io.jenkins.plugins.remotejobs.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.local.e2e.LocalHostExtension;
import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R7 ("states are true"), found by {@link WaitsRideOutAgentRestartTest}: a finished state is final.
 * Kept jobs ({@code keepOnAgent: true}) have two writers of their state on the controller: the
 * node's monitor, which applies the statuses of its collection rounds, and every receive, which asks
 * the agent for the job's status before it reads. Rounds of eight kept jobs that end together, each
 * received by a build of its own with {@code wait: true}, then asked for its state: no job may be
 * seen leaving {@code Completed}, and a wait that returned must see {@code Completed}. No fault is
 * injected; the rounds stop at the first job that breaks the rule.
 */
class FinishedStateIsFinalTest {

    @RegisterExtension
    static final LocalHostExtension local = LocalHostExtension.withAgents(1);

    private static final int ROUNDS = 20;
    private static final int JOBS = 8;

    @Test
    void aKeptJobReceivedWithWaitNeverLeavesCompleted() throws Exception {
        long began = System.nanoTime();
        List<String> regressions = new ArrayList<>();
        List<String> notCompletedAfterWait = new ArrayList<>();
        int rounds = 0;
        int jobs = 0;
        while (rounds < ROUNDS && regressions.isEmpty() && notCompletedAfterWait.isEmpty()) {
            rounds++;
            long[] ids = Arrays.stream(local.scripts()
                            .run("""
                                    def ids = []
                                    for (i in 0..<%d) {
                                        ids << remoteJob(node: 'agent-1', keepOnAgent: true,
                                                script: 'i=0; while [ $i -lt 30 ]; do echo line $i; i=$((i+1)); sleep 0.02; done').id
                                    }
                                    echo "ids=${ids.join(' ')}"
                                    """.formatted(JOBS))
                            .ok()
                            .value("ids")
                            .split(" "))
                    .mapToLong(Long::parseLong)
                    .toArray();
            jobs += ids.length;
            try (StateHistory history = new StateHistory(local.host(), ids)) {
                List<CompletableFuture<ScriptFixture.Result>> waits = new ArrayList<>();
                for (long id : ids) {
                    waits.add(local.scripts().start("""
                            def out = receiveJob id: %1$d, wait: true, quiet: true
                            echo "after=${getJob(id: %1$d, quiet: true)[0].state} ${out.readLines().size()}"
                            """.formatted(id)));
                }
                for (int i = 0; i < ids.length; i++) {
                    String after = waits.get(i).get(120, TimeUnit.SECONDS).ok().value("after");
                    if (!after.equals("Completed 30")) {
                        notCompletedAfterWait.add("job " + ids[i] + ": " + after);
                    }
                }
                history.close();
                regressions.addAll(history.regressions());
            }
        }
        Figures.of("R7-final-state")
                .put("rounds", rounds)
                .put("jobs", jobs)
                .put("regressions", regressions.size())
                .put("notCompletedAfterWait", notCompletedAfterWait.size())
                .put("seconds", (System.nanoTime() - began) / 1_000_000_000)
                .print();
        assertThat(regressions).as("kept jobs seen leaving Completed").isEmpty();
        assertThat(notCompletedAfterWait)
                .as("states right after receiveJob wait: true returned (expected 'Completed 30')")
                .isEmpty();
    }
}
