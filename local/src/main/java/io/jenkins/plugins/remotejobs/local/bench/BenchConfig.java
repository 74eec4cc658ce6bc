package io.jenkins.plugins.remotejobs.local.bench;

/**
 * How much a benchmark run measures. The full run is what {@code docs/performance.md} reports; the
 * quick one keeps every benchmark and its baseline but shrinks sizes and counts so that CI finishes
 * it in under a minute.
 *
 * @param quick whether this is the reduced run
 * @param agents agent JVMs the local host starts (P4 spreads its jobs over all of them)
 * @param warmup iterations run and thrown away before the latency samples (P1, P2): the launcher's
 *     JVMs compile with C1 only, and only after some hundreds of calls
 * @param iterations latency samples per figure (P1, P2)
 * @param outputBytes size of the output moved by P3 and P6
 * @param concurrentJobs jobs P4 starts at once
 * @param tableRecords records in the job table P5 filters and reloads
 * @param queryRuns timed runs of each P5 filter
 * @param reloadRuns timed reloads of the P5 table
 * @param peerJobs small jobs in the Ansible lane (P2a), and in ours beside it
 * @param scaleAgents simulated agents P7 spreads its jobs over
 * @param scaleJobs jobs P7 starts over them
 */
public record BenchConfig(
        boolean quick,
        int agents,
        int warmup,
        int iterations,
        long outputBytes,
        int concurrentJobs,
        int tableRecords,
        int queryRuns,
        int reloadRuns,
        int peerJobs,
        int scaleAgents,
        int scaleJobs) {

    /** The run the targets are stated for. */
    public static BenchConfig full() {
        return new BenchConfig(false, 4, 100, 200, 1L << 30, 1_000, 100_000, 30, 5, 20, 200, 10_000);
    }

    /** The CI run: same benchmarks, smaller sizes. */
    public static BenchConfig reduced() {
        return new BenchConfig(true, 4, 10, 40, 64L << 20, 200, 100_000, 10, 3, 5, 200, 2_000);
    }
}
