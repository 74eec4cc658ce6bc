package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Whether a job that failed ran out of disk space, told only from what shows it, for its reason:
 * the end of its error output quoting the system's message for {@code ENOSPC}, or the agent's disk
 * having (next to) no room left when the job ended. Nothing is claimed on a guess: without either
 * sign there is no hint.
 */
final class NoSpaceHint {

    /** The C library's text for {@code ENOSPC}, as programs print it (glibc, musl, BSD, macOS). */
    static final String ENOSPC_TEXT = "no space left on device";

    /** Below this many free bytes the agent's disk counts as full. */
    static final long FULL_BELOW_BYTES = 64 * 1024;

    private static final int TAIL_BYTES = 4096;
    private static final int MAX_QUOTED = 200;

    private NoSpaceHint() {}

    /** The reason of a failure, with why the disk being full shows in it when it does. */
    static String appendTo(JobFiles files, String reason) {
        String hint = of(files);
        return hint == null ? reason : reason + "; " + hint;
    }

    /** What to add to a failed job's reason, or {@code null} when nothing shows a full disk. */
    static String of(JobFiles files) {
        String line = lastLineSaying(files.output(StreamName.STDERR), ENOSPC_TEXT);
        if (line != null) {
            return "no space left on device, says its error output: " + line;
        }
        return of(files.dir());
    }

    /** Whether the disk holding {@code dir} (or, when it is gone, its parent) is full, or {@code null}. */
    static String of(Path dir) {
        Path existing = Files.exists(dir) ? dir : dir.getParent();
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < FULL_BELOW_BYTES) {
                return "the agent's disk is full (" + free + " bytes free where the job cache is)";
            }
        } catch (IOException e) {
            // No file store to ask: no claim.
        }
        return null;
    }

    /** The last line of the end of {@code file} that contains {@code text} (any case), printable and bounded. */
    static String lastLineSaying(Path file, String text) {
        String tail;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TAIL_BYTES, size));
            long pos = size - buf.capacity();
            while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {
                // until the tail is read
            }
            tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String[] lines = tail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].toLowerCase(Locale.ROOT).contains(text)) {
                return printable(lines[i].strip());
            }
        }
        return null;
    }

    private static String printable(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length() && b.length() < MAX_QUOTED; i++) {
            char c = line.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.length() < line.length() ? b + "..." : b.toString();
    }
}
