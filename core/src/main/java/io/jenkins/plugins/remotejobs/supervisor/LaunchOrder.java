package io.jenkins.plugins.remotejobs.supervisor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent asks the supervisor to start: the job's command line, where it runs, its whole
 * environment, the files it writes and is watched through, and what the supervisor enforces. The
 * paths are given, not derived, so the supervisor knows no job directory layout of its own.
 *
 * @param processFile where the supervisor records the job's process; its presence also marks the
 *     job as started, so that a repeated order (a reply lost with a connection) starts nothing new
 */
public record LaunchOrder(
        List<String> command,
        String directory,
        Map<String, String> environment,
        String stdout,
        String stderr,
        String processFile,
        String exitFile,
        String timedOutFile,
        String stopFile,
        long startedAtMillis,
        long timeoutSeconds,
        long graceMillis) {

    /** Longer strings than this are refused: no real order comes near it, a corrupt one might. */
    private static final int MAX_STRING_BYTES = 64 * 1024 * 1024;

    private static final int MAX_ENTRIES = 1 << 20;

    public LaunchOrder {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(command.size());
        for (String arg : command) {
            writeString(out, arg);
        }
        writeString(out, directory);
        out.writeInt(environment.size());
        for (Map.Entry<String, String> e : environment.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        for (String path : List.of(stdout, stderr, processFile, exitFile, timedOutFile, stopFile)) {
            writeString(out, path);
        }
        out.writeLong(startedAtMillis);
        out.writeLong(timeoutSeconds);
        out.writeLong(graceMillis);
    }

    static LaunchOrder readFrom(DataInputStream in) throws IOException {
        int args = count(in);
        List<String> command = new ArrayList<>(args);
        for (int i = 0; i < args; i++) {
            command.add(readString(in));
        }
        String directory = readString(in);
        int vars = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < vars; i++) {
            env.put(readString(in), readString(in));
        }
        return new LaunchOrder(
                command,
                directory,
                env,
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                in.readLong(),
                in.readLong(),
                in.readLong());
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("malformed order: a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("malformed order: " + n + " entries");
        }
        return n;
    }
}
