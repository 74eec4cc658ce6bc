package io.jenkins.plugins.remotejobs.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Output a job writes that a test knows without running it: {@code chunks} numbered chunks of
 * {@code chunkBytes} bytes each, every chunk a line naming its tag and number repeated (and cut
 * where the chunk ends), with a pause after each. Lost, repeated or reordered chunks all change
 * the bytes, so one sha256 tells whether a stream arrived exactly.
 */
record KnownOutput(String tag, int chunks, int chunkBytes, String pause) {

    /** The generator every job runs: {@code sh gen.sh TAG CHUNKS BYTES PAUSE}. */
    static final String GENERATOR = """
            tag=$1; n=$2; size=$3; pause=$4; i=0
            while [ "$i" -lt "$n" ]; do
              yes "$tag chunk $i 0123456789abcdefghijklmnopqrstuvwxyz" | head -c "$size"
              i=$((i+1))
              [ "$pause" = 0 ] || sleep "$pause"
            done
            """;

    /** Writes the generator into {@code dir} and returns its path. */
    static Path writeGenerator(Path dir) {
        try {
            return Files.writeString(Files.createDirectories(dir).resolve("gen.sh"), GENERATOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shell command that writes this output to standard output. */
    String command(Path generator) {
        return "sh '" + generator + "' '" + tag + "' " + chunks + " " + chunkBytes + " " + pause;
    }

    long bytes() {
        return (long) chunks * chunkBytes;
    }

    byte[] chunk(int i) {
        byte[] line =
                (tag + " chunk " + i + " 0123456789abcdefghijklmnopqrstuvwxyz\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[chunkBytes];
        for (int at = 0; at < chunkBytes; at += line.length) {
            System.arraycopy(line, 0, out, at, Math.min(line.length, chunkBytes - at));
        }
        return out;
    }

    String sha256() {
        MessageDigest d = digest();
        for (int i = 0; i < chunks; i++) {
            d.update(chunk(i));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String sha256(Path file) {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
