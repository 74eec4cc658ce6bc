package io.jenkins.plugins.remotejobs.local.bench;

import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P2a: the same small job (start {@code echo hi} in the background, wait for it, fetch its output)
 * through Ansible's {@code async} + {@code async_status} with a local connection, one job after the
 * other in one playbook, side by side with the same sequence through the steps. Ansible's cost per
 * job is the playbook's time minus that of the same playbook with no job, divided by the jobs, so its
 * start-up is not counted against it. Skipped, with a line saying so, when {@code ansible-playbook}
 * is not installed.
 */
final class AnsiblePeer {

    static final double TARGET = 50;

    private static final String PLAY = """
            - hosts: localhost
              connection: local
              gather_facts: false
              tasks:
                - ansible.builtin.include_tasks: job.yml
                  loop: "{{ range(0, n | int) | list }}"
            """;

    private static final String JOB = """
            - name: start
              ansible.builtin.shell: echo hi
              async: 60
              poll: 0
              register: started
            - name: wait and fetch
              ansible.builtin.async_status:
                jid: "{{ started.ansible_job_id }}"
              register: result
              until: result.finished
              retries: 10000
              delay: 0
            - name: check
              ansible.builtin.assert:
                that: result.stdout == 'hi'
                quiet: true
            """;

    private AnsiblePeer() {}

    static void run(BenchContext ctx, BenchReport report) throws Exception {
        Path playbook = onPath("ansible-playbook");
        if (playbook == null) {
            report.skip(
                    "P2a", "Ansible lane skipped: ansible-playbook is not installed (Debian: apt-get install ansible)");
            return;
        }
        int n = ctx.config.peerJobs();
        ctx.progress("P2a peer: " + n + " small jobs through Ansible async + async_status, then through the steps");
        Path dir = Files.createDirectories(ctx.scratch.resolve("ansible"));
        Files.writeString(dir.resolve("play.yml"), PLAY, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("job.yml"), JOB, StandardCharsets.UTF_8);

        long empty = playbook(playbook, dir, 0);
        long full = playbook(playbook, dir, n);
        double ansiblePerJob = Math.max(0, full - empty) / 1e6 / n;

        String node = ctx.nodes().get(0);
        for (int i = 0; i < ctx.config.warmup(); i++) {
            RoundTrip.once(ctx, node); // warm, as the playbook's own start-up is not counted either
        }
        long ours = 0;
        for (int i = 0; i < n; i++) {
            ours += RoundTrip.once(ctx, node);
        }
        double oursPerJob = ours / 1e6 / n;
        report.add(Row.fasterThan(
                "P2a",
                "small job start+wait+fetch vs Ansible async (per job, " + n + " jobs)",
                oursPerJob,
                ansiblePerJob,
                "ms",
                TARGET));
        report.series("P2a", Map.of("jobs", n, "ansibleEmptyNanos", empty, "ansibleNanos", full, "oursNanos", ours));
    }

    /** Runs the playbook with {@code n} jobs; nanoseconds. */
    private static long playbook(Path ansible, Path dir, int n) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ansible.toString(), "-i", "localhost,", "-e", "n=" + n, "play.yml")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ansible-" + n + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("ANSIBLE_LOCALHOST_WARNING", "false");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        // Everything Ansible writes stays in the run's scratch directory, none of it in the user's home.
        env.put("ANSIBLE_HOME", dir.resolve("home").toString());
        env.put("ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
        env.put("ANSIBLE_REMOTE_TEMP", dir.resolve("remote-tmp").toString());
        env.put("ANSIBLE_ASYNC_DIR", dir.resolve("async").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("ansible-playbook did not finish in 10 minutes");
        }
        long t1 = System.nanoTime();
        if (p.exitValue() != 0) {
            List<String> log = Files.readAllLines(dir.resolve("ansible-" + n + ".log"));
            throw new IOException("ansible-playbook exited " + p.exitValue() + ": "
                    + String.join("\n", log.subList(Math.max(0, log.size() - 10), log.size())));
        }
        return t1 - t0;
    }

    private static Path onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, binary);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
