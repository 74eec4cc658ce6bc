package io.jenkins.plugins.remotejobs.bench;

/** One benchmark and its baseline, measured in the same run; adds its rows to the report. */
interface Lane {

    /** The lane's ids in the table, for the report of a lane that failed. */
    String id();

    void run(Bench b) throws Exception;
}
