package io.jenkins.plugins.remotejobs.local.transport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: what Linux's /proc says about a process. */
final class ProcFs {

    /** A TCP socket in state LISTEN: its local address as /proc prints it (hex) and its port. */
    record Listener(String file, String address, int port) {}

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private ProcFs() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Every listening TCP socket (IPv4 and IPv6) the process holds. */
    static List<Listener> listeners(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<Listener> found = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path table = Path.of(file);
            if (!Files.exists(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    found.add(new Listener(file, local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return found;
    }

    static byte[] cmdline(long pid) throws IOException {
        return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    }

    static byte[] environ(long pid) throws IOException {
        return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // descriptors come and go while we look
                }
            }
        }
        return inodes;
    }
}
