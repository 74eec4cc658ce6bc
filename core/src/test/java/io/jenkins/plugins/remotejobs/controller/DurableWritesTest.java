package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.remotejobs.controller.table.JobTable;
import io.jenkins.plugins.remotejobs.controller.table.JobTableTest;
import io.jenkins.plugins.remotejobs.util.AtomicFiles;
import io.jenkins.plugins.remotejobs.util.Signal;
import io.jenkins.plugins.remotejobs.util.TestJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives a power loss is decided by the order of system calls: a renamed file's bytes must
 * be synced before the rename, the directory after it, and a journal emptied only once the
 * snapshot that replaces it is named on the disk. A child JVM does the durable writes under
 * {@code strace}, and the test reads the calls it made, in order. Linux with strace only: elsewhere
 * skipped with that reason.
 */
@EnabledOnOs(OS.LINUX)
class DurableWritesTest {

    private static final Path STRACE = Path.of("/usr/bin/strace");

    @TempDir
    Path tmp;

    /** The durable writes, as the engine makes them. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        AtomicFiles.writeStringDurably(dir.resolve("cursor"), "42");
        Path table = Files.createDirectories(dir.resolve("table"));
        try (JobTable t = JobTable.open(table, new Signal())) {
            for (int i = 0; i < 6_000; i++) { // two entries each: past the compaction threshold
                long id = t.nextId();
                t.insert(JobTableTest.record(id, "n" + id).with(b -> b.reason = null));
                t.delete(id);
            }
            t.sync();
        }
    }

    @Test
    void filesAreSyncedBeforeTheirRenameAndTheirDirectoryAfterAndTheJournalIsEmptiedLast() throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs strace at " + STRACE + " to see the system calls");
        Path dir = Files.createDirectories(tmp.resolve("w")).toRealPath();
        Path trace = tmp.resolve("trace");
        List<String> command = new ArrayList<>(List.of(
                STRACE.toString(),
                "-ff", // a file per thread: the writes are all the main thread's, in order
                "-o",
                trace.toString(),
                "-e",
                "trace=open,openat,close,fsync,fdatasync,rename,renameat,renameat2,ftruncate"));
        command.addAll(TestJvm.command(DurableWritesTest.class, dir.toString()));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends").isTrue();
        assertThat(child.exitValue())
                .as("the child's exit (its log: %s)", Files.readString(tmp.resolve("child.log")))
                .isZero();

        List<String> calls = List.of();
        try (var traces = Files.list(tmp)) {
            for (Path perThread : traces.filter(p -> p.getFileName().toString().startsWith("trace."))
                    .toList()) {
                List<String> found = callsOn(Files.readAllLines(perThread, StandardCharsets.UTF_8), dir.toString());
                if (found.size() > calls.size()) {
                    calls = found;
                }
            }
        }

        String cursor = dir.resolve("cursor").toString();
        assertThat(calls)
                .as("the cursor's bytes, its rename, then its directory")
                .containsSubsequence("sync " + cursor + ".tmp", "rename " + cursor + ".tmp " + cursor, "sync " + dir);
        Path table = dir.resolve("table");
        String snapshot = table.resolve("jobs.snapshot").toString();
        assertThat(calls)
                .as("the snapshot's bytes, its name, then the journal emptied")
                .containsSubsequence(
                        "sync " + snapshot + ".tmp",
                        "rename " + snapshot + ".tmp " + snapshot,
                        "sync " + table,
                        "truncate " + table.resolve("jobs.journal"));
        assertThat(calls.get(calls.size() - 1))
                .as("the last call: the journal synced")
                .isEqualTo("sync " + table.resolve("jobs.journal"));
    }

    private static final Pattern OPEN = Pattern.compile("^open(?:at)?\\((?:AT_FDCWD, )?\"([^\"]+)\".*= (\\d+)$");
    private static final Pattern ON_FD = Pattern.compile("^(close|fsync|fdatasync|ftruncate)\\((\\d+)[,)].*= 0$");
    private static final Pattern RENAME =
            Pattern.compile("^rename(?:at2?)?\\((?:AT_FDCWD, )?\"([^\"]+)\", (?:AT_FDCWD, )?\"([^\"]+)\".*= 0$");

    /** The syncs, renames and truncations of files under {@code root}, in the order made. */
    private static List<String> callsOn(List<String> trace, String root) {
        Map<String, String> open = new HashMap<>();
        List<String> calls = new ArrayList<>();
        for (String line : trace) {
            Matcher m;
            if ((m = OPEN.matcher(line)).matches()) {
                open.put(m.group(2), m.group(1));
            } else if ((m = ON_FD.matcher(line)).matches()) {
                String path = m.group(1).equals("close") ? open.remove(m.group(2)) : open.get(m.group(2));
                if (path != null && path.startsWith(root) && !m.group(1).equals("close")) {
                    calls.add((m.group(1).equals("ftruncate") ? "truncate " : "sync ") + path);
                }
            } else if ((m = RENAME.matcher(line)).matches() && m.group(1).startsWith(root)) {
                calls.add("rename " + m.group(1) + " " + m.group(2));
            }
        }
        return calls;
    }
}
