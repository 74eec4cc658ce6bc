package io.jenkins.plugins.remotejobs.steps;

import io.jenkins.plugins.remotejobs.controller.model.ReceiveSpec;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The validated arguments of {@code receiveJob}, which returns (and by default consumes) a job's
 * output. Build them with {@link #from}, the one entry point that checks them.
 *
 * @param job the job, by handle, id or name
 * @param keep return the unconsumed output without consuming it
 * @param waitForEnd the {@code wait:} argument (a record cannot have a component named {@code wait}):
 *     block until the job ends, streaming its output as it arrives
 * @param autoRemove remove the job once everything is received; only with {@code wait:}, never with
 *     {@code keep}
 * @param stream which output to receive
 * @param encoding the canonical name of the charset that turns bytes into text, or {@code null} for
 *     the agent's default
 * @param timeout with {@code wait:} stop waiting after this many seconds (0 returns at once), or
 *     {@code null} to wait until the job ends
 * @param file a workspace-relative file to write the raw bytes to instead of returning text, or
 *     {@code null}; {@code /}-separated, without {@code ..}, never absolute
 * @param quiet do not echo the output into the build log
 */
public record ReceiveJobArguments(
        JobSelector job,
        boolean keep,
        boolean waitForEnd,
        boolean autoRemove,
        StreamSelection stream,
        String encoding,
        Long timeout,
        String file,
        boolean quiet)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The {@code stream:} spellings, from the enum so the two cannot drift apart. */
    private static final List<String> STREAMS =
            Arrays.stream(StreamSelection.values()).map(StreamSelection::label).toList();

    public ReceiveJobArguments {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(stream, "stream");
    }

    /**
     * Validates {@code receiveJob}'s raw named arguments.
     *
     * @throws StepArgumentException naming the first argument at fault
     */
    public static ReceiveJobArguments from(Map<String, ?> raw) {
        ArgumentReader args = ArgumentReader.of(StepNames.RECEIVE_JOB, raw);
        JobSelectors.Given given = JobSelectors.Given.read(args);
        boolean keep = args.bool("keep", false);
        boolean wait = args.bool("wait", false);
        boolean autoRemove = args.bool("autoRemove", false);
        String stream = args.oneOf("stream", STREAMS);
        String encoding = args.text("encoding", TextKind.CHARSET);
        Long timeout = args.wholeNumber("timeout", WholeRange.WAIT_TIMEOUT);
        String file = args.text("file", TextKind.WORKSPACE_FILE);
        boolean quiet = args.bool("quiet", false);

        JobSelector job = given.exactlyOne(args);
        if (autoRemove && !wait) {
            throw args.fail(
                    "autoRemove",
                    "argument 'autoRemove' applies only with wait: true (it removes the job once the wait has"
                            + " received everything), got autoRemove: true without wait: true");
        }
        if (timeout != null && !wait) {
            throw args.fail(
                    "timeout",
                    "argument 'timeout' applies only with wait: true (it limits the wait), got timeout: " + timeout
                            + " without wait: true");
        }
        if (keep && autoRemove) {
            throw args.failCombination("arguments 'keep' and 'autoRemove' cannot both be true: autoRemove deletes"
                    + " the job whose output keep leaves for later");
        }
        return new ReceiveJobArguments(
                job,
                keep,
                wait,
                autoRemove,
                stream == null ? StreamSelection.STDOUT : StreamSelection.valueOf(stream.toUpperCase(Locale.ROOT)),
                encoding == null ? null : Charset.forName(encoding).name(),
                timeout,
                file,
                quiet);
    }

    /**
     * How the engine receives with these arguments; {@code intoLog}: only into the build log, with
     * no text cap (what the freestyle steps show), unless the output goes to a file or nowhere.
     */
    public ReceiveSpec spec(boolean intoLog) {
        return new ReceiveSpec(
                stream.streams(),
                keep,
                waitForEnd,
                autoRemove,
                encoding == null ? null : Charset.forName(encoding),
                timeout,
                file,
                quiet,
                intoLog && file == null && !quiet);
    }
}
