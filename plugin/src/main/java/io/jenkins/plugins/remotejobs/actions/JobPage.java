package io.jenkins.plugins.remotejobs.actions;

import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Run;
import io.jenkins.plugins.remotejobs.JobAccess;
import io.jenkins.plugins.remotejobs.controller.JobManager;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
 * One job's page: its row, its children, its output (paged, live while it runs; viewing never
 * consumes) and the Stop and Remove buttons, which POST, check Item/CANCEL on the owner job first,
 * and return at once ({@link PageControl}).
 */
public final class JobPage implements ModelObject {

    /** Bytes of output shown per page. */
    static final int PAGE = 64 * 1024;

    /** Bytes read from the spool or the agent per piece of a download. */
    private static final int DOWNLOAD_PIECE = 1 << 20;

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

    /** The page's title, and its place in the breadcrumbs. */
    @Override
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
        if (job.build() == null) {
            return null;
        }
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

    /**
     * {@code raw?stream=stdout&offset=N}: the whole output from {@code offset} as a download,
     * streamed in pieces (never held at once), up to what there is when the last piece is read.
     */
    public void doRaw(StaplerResponse2 rsp, @QueryParameter String stream, @QueryParameter long offset)
            throws IOException, ServletException {
        StreamName s = "stderr".equals(stream) ? StreamName.STDERR : StreamName.STDOUT;
        rsp.setContentType("application/octet-stream");
        rsp.setHeader(
                "Content-Disposition",
                "attachment; filename=job-" + job.id() + "-" + s.name().toLowerCase(Locale.ROOT) + ".log");
        if (job.isParent()) {
            return;
        }
        OutputStream out = rsp.getOutputStream();
        long at = Math.max(0, offset);
        while (true) {
            byte[] piece = manager.receiver().peek(job, s, at, DOWNLOAD_PIECE);
            out.write(piece);
            at += piece.length;
            if (piece.length < DOWNLOAD_PIECE) {
                return;
            }
        }
    }

    /**
     * {@code progressiveText?stream=stdout} (POST, {@code start=N}): the output after byte {@code
     * N}, HTML-escaped, for Jenkins' progressive text (the console's "tail -f"): {@code
     * X-Text-Size} says where the next request starts, {@code X-More-Data} whether the job may still
     * write. Only whole characters are sent; a character cut by the piece's end comes next time.
     */
    @POST
    public void doProgressiveText(StaplerResponse2 rsp, @QueryParameter String stream, @QueryParameter long start)
            throws IOException {
        StreamName s = "stderr".equals(stream) ? StreamName.STDERR : StreamName.STDOUT;
        long from = Math.max(0, start);
        boolean running = !manager.info(job).state().isFinished();
        byte[] bytes;
        try {
            bytes = job.isParent() ? new byte[0] : manager.receiver().peek(job, s, from, PAGE);
        } catch (JobException e) {
            bytes = new byte[0]; // an agent away: nothing new now, ask again
        }
        Charset charset = job.charset() == null ? Charset.defaultCharset() : Charset.forName(job.charset());
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(in, text, false);
        text.flip();
        rsp.setContentType("text/plain;charset=UTF-8");
        rsp.setHeader("X-Text-Size", Long.toString(from + in.position()));
        rsp.setHeader("X-More-Data", Boolean.toString(running || bytes.length == PAGE));
        rsp.getWriter().write(escapeHtml(text));
    }

    /** The text as HTML: the page inserts it as markup, so every character that could be markup is escaped. */
    private static String escapeHtml(CharSequence text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Stops the job without holding the request: a stop may wait for an agent that is away (its
     * answer lost) up to the reconnect grace, so it goes on in the background and the page shows
     * the state as the agent reports it, and a stop that fails.
     */
    @POST
    public HttpResponse doStop() {
        if (!JobAccess.mayControl(job)) {
            return HttpResponses.forbidden();
        }
        PageControl.stop(manager, job);
        return HttpResponses.redirectToDot();
    }

    /**
     * Removes the job without holding the request (it calls the agent): the table it returns to
     * says that the removal is under way, or why it failed (an agent away, a running job without
     * force).
     */
    @POST
    public HttpResponse doRemove(@QueryParameter boolean force) {
        if (!JobAccess.mayControl(job)) {
            return HttpResponses.forbidden();
        }
        PageControl.remove(manager, job, force);
        return HttpResponses.redirectTo("../..");
    }

    /** What to say about a stop or remove started from this page, or {@code null}. */
    @Restricted(NoExternalUse.class)
    public String getNotice() {
        return PageControl.notice(job.id());
    }
}
