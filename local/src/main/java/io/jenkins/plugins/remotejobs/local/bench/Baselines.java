package io.jenkins.plugins.remotejobs.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The physical limits each target is a ratio against, measured in the same run as the figure they
 * judge: what {@link ProcessBuilder} costs to spawn a shell (and to see it exit), and what a plain
 * pipe moves into a file on the same disk.
 */
final class Baselines {

    private Baselines() {}

    /**
     * Nanoseconds for {@link ProcessBuilder#start} of {@code sh -c <script>} to return; the process
     * is then waited for outside the measurement.
     */
    static long spawn(String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long t1 = System.nanoTime();
        p.waitFor();
        return t1 - t0;
    }

    /** Nanoseconds to spawn {@code sh -c <script>}, read its whole output and see it exit. */
    static long spawnAndExit(String script, String expectedOutput) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int code = p.waitFor();
        long t1 = System.nanoTime();
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (code != 0 || !text.equals(expectedOutput)) {
            throw new IOException("baseline sh -c '" + script + "' printed " + text + " and exited " + code);
        }
        return t1 - t0;
    }

    /** Nanoseconds for {@code cat src | cat > dst}; {@code dst} is deleted afterwards. */
    static long catPipe(Path src, Path dst) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int code = run(List.of("sh", "-c", "cat \"$1\" | cat > \"$2\"", "cat-pipe", src.toString(), dst.toString()));
        long t1 = System.nanoTime();
        long copied = Files.size(dst);
        Files.delete(dst);
        if (code != 0 || copied != Files.size(src)) {
            throw new IOException("baseline cat | cat exited " + code + " after copying " + copied + " bytes");
        }
        return t1 - t0;
    }

    /**
     * Nanoseconds for {@code cat src | tee out | cat > dst} followed by an fsync of {@code dst}: a
     * job writing its output file while a collector copies it into a synced spool, with nothing in
     * between. Both files are deleted afterwards.
     */
    static long teeAndSync(Path src, Path dst, Path out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int code = run(List.of(
                "sh",
                "-c",
                "cat \"$1\" | tee \"$2\" | cat > \"$3\" && sync \"$3\"",
                "tee-sync",
                src.toString(),
                out.toString(),
                dst.toString()));
        long t1 = System.nanoTime();
        long copied = Files.size(dst);
        Files.delete(dst);
        Files.deleteIfExists(out);
        if (code != 0 || copied != Files.size(src)) {
            throw new IOException("floor cat | tee | cat; sync exited " + code + " after copying " + copied + " bytes");
        }
        return t1 - t0;
    }

    /** Runs a command to its end with output discarded; returns its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start()
                .waitFor();
    }
}
