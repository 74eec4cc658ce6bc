package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.local.e2e.ScriptFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two {@link StubbornJob}s on one agent, one in each result mode: {@code name-collected} into the
 * controller's spool and {@code name-kept} on the agent, the R6 and R8 scenarios' jobs whose agent
 * is away when something must end them. It gathers the pids of both as each starts, so that a
 * test's {@code finally} can kill what is left whatever step failed. Index 0 is the collected job,
 * 1 the kept one.
 */
final class StubbornPair {

    final StubbornJob collected;
    final StubbornJob kept;
    private final String name;
    private final Set<Long> pids = new HashSet<>();
    private List<Long> ids;
    private List<String> instances;

    /** The two jobs, their files in {@code dir}. */
    StubbornPair(Path dir, String name) throws IOException {
        this.name = name;
        this.collected = new StubbornJob(dir, name + "-collected");
        this.kept = new StubbornJob(dir, name + "-kept");
    }

    /**
     * Starts both on {@code node}, with {@code arguments} (Jenkinsfile text ending in {@code ", "}
     * when not empty) before their own, and waits until the processes of both run.
     */
    void start(ScriptFixture scripts, String node, String arguments) {
        var started = scripts.run(
                        """
                        def a = remoteJob(node: '%1$s', name: '%2$s-collected', %3$s%4$s)
                        def b = remoteJob(node: '%1$s', name: '%2$s-kept', %3$skeepOnAgent: true, %5$s)
                        echo "ids=${a.id} ${b.id}"
                        echo "instances=${a.instanceId} ${b.instanceId}"
                        """.formatted(node, name, arguments, collected.remoteJobArguments(), kept.remoteJobArguments()))
                .ok();
        ids = List.of(started.value("ids").split(" ")).stream()
                .map(Long::parseLong)
                .toList();
        instances = List.of(started.value("instances").split(" "));
        pids.addAll(collected.awaitPids());
        pids.addAll(kept.awaitPids());
    }

    long id(int i) {
        return ids.get(i);
    }

    String instance(int i) {
        return instances.get(i);
    }

    List<String> instances() {
        return instances;
    }

    /** The pids of both jobs' processes, as far as they have started. */
    Set<Long> pids() {
        return pids;
    }

    /** Kills whatever is left of both jobs' processes. */
    void killLeftovers() {
        StubbornJob.killLeftovers(pids);
    }
}
