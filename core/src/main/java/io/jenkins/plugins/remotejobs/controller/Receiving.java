package io.jenkins.plugins.remotejobs.controller;

import io.jenkins.plugins.remotejobs.controller.host.Caller;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;

/**
 * One receive: which job, how, and for whom; what its passes ({@link ReceivePass}), its wait
 * ({@link ReceiveUntilEnd}) and where its output goes ({@link Delivery}) all go by.
 */
record Receiving(JobManager manager, JobRecord job, ReceiveSpec spec, Caller caller) {}
