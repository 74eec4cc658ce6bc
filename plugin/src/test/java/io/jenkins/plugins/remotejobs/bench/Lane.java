package io.jenkins.plugins.remotejobs.bench;

/**
 * One benchmark and its baseline, measured in the same run; adds its rows to the report. Its id in
 * the table is the one {@link JenkinsBenchmark} lists it under.
 */
@FunctionalInterface
interface Lane {

    void run(Bench b) throws Exception;
}
