package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.remotejobs.JobAccess;
import io.jenkins.plugins.remotejobs.controller.JobException;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * One job's page: its row, its children, its output (paged; viewing never consumes) and the Stop
 * and Remove buttons, which POST and check Item/CANCEL on the owner job first.
 */
public final class JobPage {

    /** Bytes of output shown per page. */
    static final int PAGE = 64 * 1024;

    private final JobManager manager;
    private final JobRecord job;

    JobPage(JobManager manager, JobRecord job) {
        this.manager = manager;
        this.job = job;
    }

    @Restricted(NoExternalUse.class)
    public JobRow getRow() {
        return new JobRow(manager.info(job));
    }

    @Restricted(NoExternalUse.class)
    public String getDisplayName() {
        return Messages.JobPage_title(job.id(), job.name());
    }

    @Restricted(NoExternalUse.class)
    public List<JobRow> getChildren() {
        List<JobRow> rows = new ArrayList<>();
        for (long id : job.childIds()) {
            manager.table().get(id).ifPresent(r -> rows.add(new JobRow(manager.info(r))));
        }
        return rows;
    }

    /** Whether the job has ended (then there is nothing to stop). */
    @Restricted(NoExternalUse.class)
    public boolean isFinished() {
        return manager.info(job).state().isFinished();
    }

    @Restricted(NoExternalUse.class)
    public boolean isMayControl() {
        return JobAccess.mayControl(job);
    }

    /** The owner job's URL relative to the root, or null when it is gone. */
    @Restricted(NoExternalUse.class)
    public String getOwnerUrl() {
        Item owner = JobAccess.ownerItem(job);
        return owner == null ? null : owner.getUrl();
    }

    /** The URL of the build that started the job, or null when it is gone or not visible. */
    @Restricted(NoExternalUse.class)
    public String getBuildUrl() {
        try {
            Run<?, ?> run = Run.fromExternalizableId(job.build());
            return run == null ? null : run.getUrl();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The page of output the request asks for ({@code ?stream=stderr&offset=N}); never consumes. */
    @Restricted(NoExternalUse.class)
    public OutputPage getCurrentOutput() throws IOException {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String stream = req == null ? null : req.getParameter("stream");
        String offset = req == null ? null : req.getParameter("offset");
        long start;
        try {
            start = offset == null ? 0 : Math.max(0, Long.parseLong(offset));
        } catch (NumberFormatException e) {
            start = 0;
        }
        return output(stream, start);
    }

    OutputPage output(String streamName, long start) throws IOException {
        StreamName stream = "stderr".equals(streamName) ? StreamName.STDERR : StreamName.STDOUT;
        String label = stream.label();
        try {
            byte[] bytes = manager.receiver().peek(job, stream, start, PAGE);
            Charset charset = job.charset() == null ? Charset.defaultCharset() : Charset.forName(job.charset());
            return new OutputPage(
                    label, new String(bytes, charset), start, start + bytes.length, bytes.length == PAGE, null);
        } catch (JobException e) {
            return new OutputPage(label, "", start, start, false, e.getMessage());
        }
    }

    /** {@code raw?stream=stdout&offset=N}: the bytes as a download. */
    public void doRaw(StaplerResponse2 rsp, @QueryParameter String stream, @QueryParameter long offset)
            throws IOException, ServletException {
        StreamName s = "stderr".equals(stream) ? StreamName.STDERR : StreamName.STDOUT;
        byte[] bytes = job.isParent() ? new byte[0] : manager.receiver().peek(job, s, Math.max(0, offset), 16 * PAGE);
        rsp.setContentType("application/octet-stream");
        rsp.setHeader(
                "Content-Disposition",
                "attachment; filename=job-" + job.id() + "-" + s.name().toLowerCase(Locale.ROOT) + ".log");
        rsp.getOutputStream().write(bytes);
    }

    @POST
    public HttpResponse doStop() {
        if (!JobAccess.mayControl(job)) {
            return HttpResponses.forbidden();
        }
        try {
            manager.control().stop(job);
        } catch (JobException e) {
            return HttpResponses.error(409, e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doRemove(@QueryParameter boolean force) {
        if (!JobAccess.mayControl(job)) {
            return HttpResponses.forbidden();
        }
        try {
            manager.control().remove(job, force);
        } catch (JobException e) {
            return HttpResponses.error(409, e.getMessage());
        }
        return HttpResponses.redirectTo("../..");
    }
}
