package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.protocol.JobIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every file and directory under a root (without following links), with its size and modification
 * time, except where a host may write: the controller's directory, the job directories of the
 * agents' caches (a directory named by a job instance id, and everything in it), the agents' logs,
 * the run counter, and the directories named as allowed. Comparing two snapshots shows anything a
 * call touched outside those places.
 */
final class FileSystemAround {

    private final Path root;
    private final List<Path> allowed;

    FileSystemAround(Path root, List<Path> allowed) {
        this.root = root;
        this.allowed = allowed;
    }

    /** The state of everything outside the allowed places, by path relative to the root. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (mayChange(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    out.put(root.relativize(dir) + "/", "dir");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!mayChange(file)) {
                        out.put(
                                root.relativize(file).toString(),
                                attrs.size() + " bytes, modified "
                                        + attrs.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // came and went while walking: only temp files do
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private boolean mayChange(Path p) {
        for (Path a : allowed) {
            if (p.startsWith(a)) {
                return true;
            }
        }
        String name = Objects.toString(p.getFileName(), "");
        Path parent = p.getParent();
        boolean inACache =
                parent != null && Objects.toString(parent.getFileName(), "").equals("cache");
        // A cache's lock and owner files change with the agent that owns it (a restarted agent);
        // its job supervisor's directory with the supervisor (its socket comes and goes, its log grows).
        boolean supervisorState = parent != null
                && Objects.toString(parent.getFileName(), "").equals(".supervisor")
                && parent.getParent() != null
                && Objects.toString(parent.getParent().getFileName(), "").equals("cache");
        return supervisorState
                || (inACache
                        && (JobIds.isValid(name)
                                || name.equals(".owner")
                                || name.equals(".lock")
                                || name.equals(".supervisor")))
                || name.equals("agent.log")
                || name.equals("runs.properties")
                || name.equals("runs.properties.tmp");
    }

    /** What differs between two snapshots, one line per path. */
    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                out.add("deleted " + e.getKey());
            } else if (!now.equals(e.getValue())) {
                out.add("changed " + e.getKey() + ": " + e.getValue() + " -> " + now);
            }
        }
        for (String p : after.keySet()) {
            if (!before.containsKey(p)) {
                out.add("created " + p);
            }
        }
        return out;
    }
}
