package io.jenkins.plugins.remotejobs.actions;

/**
 * A page of one stream of a job's output, for its page: the text, which stream, where it starts
 * and ends (bytes), whether more follows, and why nothing could be read (an unreachable agent).
 */
public final class OutputPage {

    private final String stream;
    private final String text;
    private final long start;
    private final long end;
    private final boolean more;
    private final String problem;

    OutputPage(String stream, String text, long start, long end, boolean more, String problem) {
        this.stream = stream;
        this.text = text;
        this.start = start;
        this.end = end;
        this.more = more;
        this.problem = problem;
    }

    public String getStream() {
        return stream;
    }

    public String getText() {
        return text;
    }

    public long getStart() {
        return start;
    }

    public long getEnd() {
        return end;
    }

    public boolean isMore() {
        return more;
    }

    public String getProblem() {
        return problem;
    }
}
