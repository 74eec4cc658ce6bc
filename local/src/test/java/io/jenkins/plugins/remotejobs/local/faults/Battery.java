package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.protocol.AgentJobState;
import io.jenkins.plugins.remotejobs.protocol.JobIds;
import io.jenkins.plugins.remotejobs.protocol.JobStatus;
import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadRequest;
import io.jenkins.plugins.remotejobs.protocol.ReadResult;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.util.ArrayList;
import java.util.List;

/** The cases of the bad-input battery, in the order of the table in {@code docs/reliability.md}. */
final class Battery {

    private Battery() {}

    private static final List<BatteryCase> CASES = new ArrayList<>();

    private static void add(String entry, String input, String expected, BatteryCase.Action action) {
        CASES.add(new BatteryCase(String.format("B%02d", CASES.size() + 1), entry, input, expected, action));
    }

    private static List<String> withId(List<String> outcomes, long id) {
        return outcomes.stream().map(o -> BatteryContext.withId(o, id)).toList();
    }

    static List<BatteryCase> cases() {
        return List.copyOf(CASES);
    }

    private static String runAndShowName(BatteryContext c, String groovyName) {
        return c.script("""
                def j = remoteJob node: 'agent-1', name: %s, script: 'echo named'
                waitJob jobs: [j], timeout: 60
                echo "result=${j.state}, named ${j.name}"
                """.formatted(groovyName));
    }

    private static LaunchRequest launch(
            String id, String name, String shell, String script, String dir, List<String> env, long timeout) {
        return new LaunchRequest(id, name, shell, script, dir, env, timeout, true);
    }

    private static String launched(BatteryContext c, LaunchRequest request) throws Exception {
        JobStatus s = c.agent().launch(request);
        for (int i = 0; i < 200 && s.state() == AgentJobState.RUNNING && s.endedAt() == 0; i++) {
            s = c.agent()
                    .read(
                            List.of(new ReadRequest(
                                    request.instanceId(), StreamName.STDOUT, 0, 0, AgentJobState.RUNNING)),
                            0,
                            100)
                    .statuses()
                    .get(0);
        }
        c.agent().remove(request.instanceId(), true);
        return s.state() + (s.reason() == null ? "" : ": " + s.reason());
    }

    static {
        // --- names and ids with .., /, \, NUL, control characters, 10 kB ---------------------------
        add(
                "remoteJob",
                "name: '../../../etc/passwd'",
                "ok: Completed, named ../../../etc/passwd",
                c -> runAndShowName(c, "'../../../etc/passwd'"));
        add("remoteJob", "name: 'a/b/c'", "ok: Completed, named a/b/c", c -> runAndShowName(c, "'a/b/c'"));
        add("remoteJob", "name: 'a\\\\b'", "ok: Completed, named a\\b", c -> runAndShowName(c, "'a\\\\b'"));
        add(
                "remoteJob",
                "name: 'a\\u0000b' (NUL)",
                "error: remoteJob: argument 'name' must not contain the control character U+0000, got 'a\\u0000b'",
                c -> runAndShowName(c, "'a\\u0000b'"));
        add(
                "remoteJob",
                "name: 'red\\u001b[31m' (ESC)",
                "error: remoteJob: argument 'name' must not contain the control character U+001B, got 'red\\u001b[31m'",
                c -> runAndShowName(c, "'red\\u001b[31m'"));
        add(
                "remoteJob",
                "name: 'line\\nbreak'",
                "error: remoteJob: argument 'name' must not contain the control character U+000A, got 'line\\u000abreak'",
                c -> runAndShowName(c, "'line\\nbreak'"));
        add(
                "remoteJob",
                "name: 'x' * 10240",
                "error: remoteJob: argument 'name' must be at most 1000 characters long, got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...(10240 chars)'",
                c -> runAndShowName(c, "'x' * 10240"));
        add(
                "remoteJob",
                "node: '../agent-1'",
                "error: remoteJob: unknown node '../agent-1'; known nodes: agent-1, agent-2",
                c -> c.script("remoteJob node: '../agent-1', script: 'true'"));
        add(
                "remoteJob",
                "node: 'agent-1/../agent-2'",
                "error: remoteJob: unknown node 'agent-1/../agent-2'; known nodes: agent-1, agent-2",
                c -> c.script("remoteJob node: 'agent-1/../agent-2', script: 'true'"));
        add(
                "remoteJob",
                "node: 'agent-1\\u0000'",
                "error: remoteJob: argument 'node' must not contain the control character U+0000, got 'agent-1\\u0000'",
                c -> c.script("remoteJob node: 'agent-1\\u0000', script: 'true'"));
        add(
                "remoteJob",
                "node: 'n' * 10240",
                "error: remoteJob: argument 'node' must be at most 1000 characters long, got 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...(10240 chars)'",
                c -> c.script("remoteJob node: 'n' * 10240, script: 'true'"));
        add(
                "remoteJob",
                "nodes: ['agent-1', 'agent-1']",
                "error: remoteJob: argument 'nodes' must name each node once, got 'agent-1' as nodes[0] and nodes[1]",
                c -> c.script("remoteJob nodes: ['agent-1', 'agent-1'], script: 'true'"));
        add(
                "remoteJob",
                "label: '..'",
                "error: remoteJob: label '..' matches no node; nodes: agent-1, agent-2",
                c -> c.script("remoteJob label: '..', script: 'true'"));
        add(
                "getJob",
                "node: '../agent-1'",
                "error: getJob: unknown node '../agent-1'; known nodes: agent-1, agent-2",
                c -> c.script("getJob node: '../agent-1'"));
        add(
                "getJob",
                "name: '../*'",
                "ok: 1 jobs",
                c -> c.script("echo \"result=${getJob(name: '../*', quiet: true).size()} jobs\""));
        add("receiveJob", "name: '..'", "error: receiveJob: no job named '..'", c -> c.script("receiveJob name: '..'"));
        add(
                "stopJob",
                "name: '/etc/passwd'",
                "error: stopJob: no job named '/etc/passwd'",
                c -> c.script("stopJob name: '/etc/passwd'"));
        add(
                "removeJob",
                "name: 'a\\u0000'",
                "error: removeJob: argument 'name' must not contain the control character U+0000, got 'a\\u0000'",
                c -> c.script("removeJob name: 'a\\u0000'"));
        add(
                "receiveJob",
                "id: 0",
                "error: receiveJob: argument 'id' must be a whole number of at least 1, got 0",
                c -> c.script("receiveJob id: 0"));
        add(
                "receiveJob",
                "id: -1",
                "error: receiveJob: argument 'id' must be a whole number of at least 1, got -1",
                c -> c.script("receiveJob id: -1"));
        add(
                "receiveJob",
                "id: 10**30",
                "error: receiveJob: argument 'id' must be a whole number of at least 1, got 1000000000000000000000000000000",
                c -> c.script("receiveJob id: 10**30"));

        // --- paths -----------------------------------------------------------------------------------
        add(
                "remoteJob",
                "dir: '../..'",
                "error: remoteJob: argument 'dir' must be an absolute directory path on the agent, such as '/srv/build' or 'C:\\build', got '../..'",
                c -> c.script("remoteJob node: 'agent-1', dir: '../..', script: 'true'"));
        add(
                "remoteJob",
                "dir: '/no/such/dir/..'",
                "ok: Failed: launch failed: working directory '/no/such/dir/..' does not exist on this agent",
                c -> c.script("""
                def j = remoteJob node: 'agent-1', dir: '/no/such/dir/..', script: 'pwd'
                echo "result=${j.state}: ${j.reason}"
                """));
        add(
                "remoteJob",
                "dir: '/tmp\\u0000x'",
                "error: remoteJob: argument 'dir' must not contain the control character U+0000, got '/tmp\\u0000x'",
                c -> c.script("remoteJob node: 'agent-1', dir: '/tmp\\u0000x', script: 'true'"));
        add(
                "receiveJob",
                "file: 'out/../../escape.txt'",
                "error: receiveJob: argument 'file' must be a relative path inside the workspace without '..', got 'out/../../escape.txt'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: 'out/../../escape.txt'"));
        add(
                "receiveJob",
                "file: '/tmp/absolute.txt'",
                "error: receiveJob: argument 'file' must be a relative path inside the workspace without '..', got '/tmp/absolute.txt'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: '/tmp/absolute.txt'"));
        add(
                "receiveJob",
                "file: '..\\\\escape.txt'",
                "error: receiveJob: argument 'file' must be a relative path inside the workspace without '..' (separate folders with '/'), got '..\\escape.txt'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: '..\\\\escape.txt'"));
        add(
                "receiveJob",
                "file: 'a\\u0000b'",
                "error: receiveJob: argument 'file' must not contain the control character U+0000, got 'a\\u0000b'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: 'a\\u0000b'"));
        add(
                "receiveJob",
                "file: 'f' * 10240",
                "error: receiveJob: argument 'file' must be at most 4096 characters long, got 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff...(10240 chars)'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: 'f' * 10240"));
        add(
                "receiveJob",
                "file: 'folder/'",
                "error: receiveJob: argument 'file' must be a relative path inside the workspace without '..' (naming a file, not a folder), got 'folder/'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, file: 'folder/'"));

        // --- script size and content -----------------------------------------------------------------
        add(
                "remoteJob",
                "a 10 MB script (a comment of 10 MB, then echo)",
                "ok: Completed: big script ran",
                c -> c.script("""
                def big = '#' + ('x' * (10 * 1024 * 1024)) + '\\necho big script ran'
                def j = remoteJob node: 'agent-1', script: big
                waitJob jobs: [j], timeout: 120
                echo "result=${j.state}: ${receiveJob(job: j, quiet: true).trim()}"
                """));
        add(
                "remoteJob",
                "a 17 MiB script",
                "error: remoteJob: argument 'script' must be at most 16 MiB of UTF-8, got 17825792 bytes (17.0 MiB); copy a large script to the agent and run it from there",
                c -> c.script("remoteJob node: 'agent-1', script: 'x' * (17 * 1024 * 1024)"));
        add(
                "remoteJob",
                "script: 'echo a\\u0000b' (NUL)",
                "error: remoteJob: argument 'script' must not contain control characters other than tab and line breaks, got the control character U+0000 on line 1",
                c -> c.script("remoteJob node: 'agent-1', script: 'echo a\\u0000b'"));
        add(
                "remoteJob",
                "script: '   ' (blank)",
                "error: remoteJob: argument 'script' must not be blank, got '   '",
                c -> c.script("remoteJob node: 'agent-1', script: '   '"));

        // --- output ------------------------------------------------------------------------------------
        add("receiveJob", "binary output, all 256 byte values, into file:", "ok: 256 bytes", c -> c.script("""
                def j = remoteJob node: 'agent-1', script: 'i=0; while [ $i -lt 256 ]; do printf "\\\\\\\\$(printf %o $i)"; i=$((i+1)); done'
                waitJob jobs: [j], timeout: 60
                echo "result=${receiveJob(job: j, file: 'battery/binary.bin', quiet: true)} bytes"
                """));
        add(
                "receiveJob",
                "invalid UTF-8 output (bytes ff fe 41) as text",
                "ok: [U+FFFD, U+FFFD, U+0041]",
                c -> c.script("""
                def j = remoteJob node: 'agent-1', script: 'printf "\\\\377\\\\376A"'
                waitJob jobs: [j], timeout: 60
                echo "result=${receiveJob(job: j, quiet: true, encoding: 'UTF-8').collect { String.format('U+%04X', (int) it) }}"
                """));
        add(
                "receiveJob",
                "invalid UTF-8 output, encoding: 'ISO-8859-1'",
                "ok: [U+00FF, U+00FE, U+0041]",
                c -> c.script("""
                def j = remoteJob node: 'agent-1', keepOnAgent: true, script: 'printf "\\\\377\\\\376A"'
                waitJob jobs: [j], timeout: 60
                echo "result=${receiveJob(job: j, quiet: true, encoding: 'ISO-8859-1').collect { String.format('U+%04X', (int) it) }}"
                """));
        add(
                "receiveJob",
                "encoding: 'no-such-charset'",
                "error: receiveJob: argument 'encoding' must be a character set this Java supports, such as 'UTF-8' or 'windows-1252', got 'no-such-charset'",
                c -> c.script("receiveJob id: " + c.finished() + ", keep: true, encoding: 'no-such-charset'"));

        // --- unknown and wrongly typed arguments -------------------------------------------------------
        add(
                "receiveJob",
                "foo: 1",
                "error: receiveJob: unknown argument 'foo'. Allowed: job, id, name, keep, wait, autoRemove, stream, encoding, timeout, file, quiet",
                c -> c.script("receiveJob id: " + c.finished() + ", foo: 1"));
        add(
                "waitJob",
                "jobs: [1], anyy: true",
                "error: waitJob: unknown argument 'anyy' (did you mean 'any'?). Allowed: jobs, any, timeout, force",
                c -> c.script("waitJob jobs: [" + c.finished() + "], anyy: true"));
        add(
                "remoteJob",
                "timeout: '5'",
                "error: remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got '5' (a String)",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', timeout: '5'"));
        add(
                "remoteJob",
                "timeout: 1.5",
                "error: remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got 1.5 (a BigDecimal)",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', timeout: 1.5"));
        add(
                "remoteJob",
                "keepOnAgent: 1",
                "error: remoteJob: argument 'keepOnAgent' must be true or false, got 1 (an Integer)",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', keepOnAgent: 1"));
        add(
                "remoteJob",
                "nodes: 'agent-1' (a String, not a List)",
                "error: remoteJob: argument 'nodes' must be a non-empty List of node names, got 'agent-1' (a String)",
                c -> c.script("remoteJob nodes: 'agent-1', script: 'true'"));
        add(
                "remoteJob",
                "env: 'A=1' (a String, not a List)",
                "error: remoteJob: argument 'env' must be a List of 'NAME=value' strings, got a String",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', env: 'A=1'"));
        add(
                "remoteJob",
                "env: [1]",
                "error: remoteJob: argument 'env[0]' must be a 'NAME=value' string, got an Integer",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', env: [1]"));
        add(
                "waitJob",
                "jobs: 5",
                "error: waitJob: argument 'jobs' must be a non-empty List of job handles or job ids, such as jobs: [j], got 5 (an Integer)",
                c -> c.script("waitJob jobs: 5"));
        add(
                "receiveJob",
                "job: 'Job1' (a String, not a handle)",
                "error: receiveJob: argument 'job' must be a job handle (what remoteJob or getJob returns), got 'Job1' (a String)",
                c -> c.script("receiveJob job: 'Job1'"));
        add(
                "getJob",
                "all: 'yes'",
                "error: getJob: argument 'all' must be true or false, got 'yes' (a String)",
                c -> c.script("getJob all: 'yes'"));

        // --- negative and huge timeouts ------------------------------------------------------------------
        add(
                "remoteJob",
                "timeout: -5",
                "error: remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got -5",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', timeout: -5"));
        add(
                "remoteJob",
                "timeout: 0",
                "error: remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got 0",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', timeout: 0"));
        add(
                "remoteJob",
                "timeout: 10**20",
                "error: remoteJob: argument 'timeout' must be a whole number of seconds from 1 to 31536000, got 100000000000000000000",
                c -> c.script("remoteJob node: 'agent-1', script: 'true', timeout: 10**20"));
        add("remoteJob", "timeout: 31536000 (the most), a short job", "ok: Completed: in time", c -> c.script("""
                def j = remoteJob node: 'agent-1', script: 'sleep 1; echo in time', timeout: 31536000
                waitJob jobs: [j], timeout: 60
                echo "result=${j.state}: ${receiveJob(job: j, quiet: true).trim()}"
                """));
        add(
                "waitJob",
                "timeout: -1",
                "error: waitJob: argument 'timeout' must be a whole number of seconds from 0 to 31536000, got -1",
                c -> c.script("waitJob jobs: [" + c.finished() + "], timeout: -1"));
        add(
                "waitJob",
                "timeout: 31536000 on a finished job",
                "ok: 1 ended",
                c -> c.script(
                        "echo \"result=${waitJob(jobs: [" + c.finished() + "], timeout: 31536000).size()} ended\""));
        add(
                "receiveJob",
                "wait: true, timeout: -1",
                "error: receiveJob: argument 'timeout' must be a whole number of seconds from 0 to 31536000, got -1",
                c -> c.script("receiveJob id: " + c.finished() + ", wait: true, timeout: -1"));

        // --- unknown, offline and removed agents, removed and running jobs ------------------------------
        add(
                "remoteJob",
                "node: 'agent-9' (unknown)",
                "error: remoteJob: unknown node 'agent-9'; known nodes: agent-1, agent-2",
                c -> c.script("remoteJob node: 'agent-9', script: 'true'"));
        add(
                "getJob",
                "id of a job on agent-3, removed from this run (--agents 2)",
                "ok: Completed: null",
                c -> c.script("def j = getJob(id: " + c.onRemovedAgent()
                        + ", quiet: true)[0]\necho \"result=${j.state}: ${j.reason}\""));
        add(
                "receiveJob",
                "a kept job on agent-3, removed from this run",
                "error: receiveJob: agent agent-3 is unreachable, and job <id> ('Job1') keeps its output there; nothing was consumed",
                c -> BatteryContext.withId(c.script("receiveJob id: " + c.onRemovedAgent()), c.onRemovedAgent()));
        add(
                "receiveJob",
                "id: of a removed job",
                "error: receiveJob: no job with id <id>",
                c -> BatteryContext.withId(c.script("receiveJob id: " + c.removed()), c.removed()));
        add(
                "stopJob",
                "id: of a removed job",
                "error: stopJob: no job with id <id>",
                c -> BatteryContext.withId(c.script("stopJob id: " + c.removed()), c.removed()));
        add(
                "removeJob",
                "id: of a running job, without force",
                "error: removeJob: job <id> ('battery-running') is Running; stop it first with stopJob, or pass force: true",
                c -> BatteryContext.withId(c.script("removeJob id: " + c.running()), c.running()));

        add(
                "remoteJob",
                "node: 'agent-2' while agent-2 is offline (its JVM killed and kept down)",
                "error: remoteJob: job <id> ('Job<id>') could not be started: never launched: agent agent-2 did not"
                        + " connect within the reconnect grace of 2 s",
                c -> c.whileAgentOffline(
                        "agent-2", () -> c.script("""
                                def j = remoteJob node: 'agent-2', script: 'true'
                                echo "result=${j.state}: ${j.reason}"
                                """).replaceAll("job \\d+ \\('Job\\d+'\\)", "job <id> ('Job<id>')")));
        add(
                "getJob",
                "node: 'agent-2' while agent-2 is offline",
                "ok",
                c -> c.whileAgentOffline("agent-2", () -> c.script("getJob node: 'agent-2', quiet: true")));

        // --- two steps racing on one job ---------------------------------------------------------------
        add(
                "removeJob",
                "two removeJob racing on one finished job",
                "one removes it; the other succeeds too or gets 'removeJob: no job with id <id>'; the job is gone",
                c -> {
                    long id = c.finishedJob("race-remove");
                    List<String> both = withId(c.race("removeJob id: " + id, "removeJob id: " + id), id);
                    boolean gone = c.host().manager().table().get(id).isEmpty();
                    return c.invariant(
                            gone
                                    && both.contains("ok")
                                    && List.of("ok", "error: removeJob: no job with id <id>")
                                            .containsAll(both),
                            "one removes it; the other succeeds too or gets 'removeJob: no job with id <id>'; the job is gone",
                            both + ", gone: " + gone);
                });
        add(
                "stopJob + removeJob",
                "stopJob and removeJob force: true racing on a running job",
                "the job is gone and its process too; stopJob succeeds or gets 'stopJob: no job with id <id>'",
                c -> {
                    long id = c.runningJob();
                    String iid =
                            c.host().manager().table().get(id).orElseThrow().instanceId();
                    List<String> outcomes = c.raceInOrder("stopJob id: " + id, "removeJob id: " + id + ", force: true");
                    String stop = BatteryContext.withId(outcomes.get(0), id);
                    boolean gone = c.host().manager().table().get(id).isEmpty()
                            && !java.nio.file.Files.exists(c.cache("agent-1").resolve(iid));
                    return c.invariant(
                            gone
                                    && outcomes.get(1).equals("ok")
                                    && List.of("ok", "error: stopJob: no job with id <id>")
                                            .contains(stop),
                            "the job is gone and its process too; stopJob succeeds or gets 'stopJob: no job with id <id>'",
                            outcomes + ", gone: " + gone);
                });
        add(
                "receiveJob",
                "two receiveJob racing on one job (text)",
                "the 10 bytes go to one of them or are split between them, never to both",
                c -> {
                    long id = c.finishedJob("race-receive");
                    String r = "echo \"result=${receiveJob(id: " + id + ", quiet: true).length()}\"";
                    List<String> both = c.race(r, r);
                    int total = both.stream()
                            .mapToInt(o -> Integer.parseInt(o.substring(4)))
                            .sum();
                    return c.invariant(
                            total == 10,
                            "the 10 bytes go to one of them or are split between them, never to both",
                            both);
                });
        add(
                "receiveJob",
                "two receiveJob racing on one job (file:)",
                "the 10 bytes are received once: the other receive gets 0 bytes, or fails with 'receiveJob: another"
                        + " receive consumed output of job <id> at the same time; battery/race-N.txt holds output that"
                        + " was also received there'",
                c -> {
                    long id = c.finishedJob("race-file");
                    List<String> both = withId(
                            c.race(
                                    "echo \"result=${receiveJob(id: " + id
                                            + ", quiet: true, file: 'battery/race-1.txt')}\"",
                                    "echo \"result=${receiveJob(id: " + id
                                            + ", quiet: true, file: 'battery/race-2.txt')}\""),
                            id);
                    long total = 0;
                    boolean otherwiseRaceErrors = true;
                    for (String o : both) {
                        if (o.startsWith("ok: ")) {
                            total += Long.parseLong(o.substring(4));
                        } else {
                            otherwiseRaceErrors &= o.matches("error: receiveJob: another receive consumed output of job"
                                    + " <id> at the same time; battery/race-[12].txt holds output that was also received"
                                    + " there");
                        }
                    }
                    return c.invariant(
                            total == 10 && otherwiseRaceErrors,
                            "the 10 bytes are received once: the other receive gets 0 bytes, or fails with 'receiveJob:"
                                    + " another receive consumed output of job <id> at the same time;"
                                    + " battery/race-N.txt holds output that was also received there'",
                            both);
                });
        add(
                "receiveJob + removeJob",
                "receiveJob wait: true and removeJob force: true racing on a running job",
                "the job is removed; the waiting receive ends with 'receiveJob: job <id> was removed while it was"
                        + " received' (or 'receiveJob: no job with id <id>' if the removal came first)",
                c -> {
                    long id = c.runningJob();
                    List<String> outcomes = withId(
                            c.raceInOrder(
                                    "receiveJob id: " + id + ", wait: true, quiet: true",
                                    "removeJob id: " + id + ", force: true"),
                            id);
                    return c.invariant(
                            outcomes.get(1).equals("ok")
                                    && List.of(
                                                    "error: receiveJob: job <id> was removed while it was received",
                                                    "error: receiveJob: no job with id <id>")
                                            .contains(outcomes.get(0)),
                            "the job is removed; the waiting receive ends with 'receiveJob: job <id> was removed while it"
                                    + " was received' (or 'receiveJob: no job with id <id>' if the removal came first)",
                            outcomes);
                });

        add(
                "removeJob",
                "force: true while a controller-mode job writes fast (repeated 10 times)",
                "removed; nothing of it is left in the controller's spool nor in the agent's cache",
                c -> {
                    List<String> left = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        var r = c.scripts().run("""
                                def j = remoteJob node: 'agent-1', script: 'yes spooled fast | head -c 200000000'
                                while (!j.hasMoreData) { sleep time: 5, unit: 'MILLISECONDS' }
                                removeJob job: j, force: true
                                echo "result=${j.instanceId}"
                                """);
                        String iid = r.ok().value("result");
                        java.nio.file.Path spool =
                                c.host().home().resolve("controller/spool").resolve(iid);
                        java.nio.file.Path cached = c.cache("agent-1").resolve(iid);
                        // A collection round in flight when the job was removed must not bring it back.
                        org.awaitility.Awaitility.await()
                                .during(java.time.Duration.ofMillis(500))
                                .atMost(java.time.Duration.ofSeconds(5))
                                .until(() -> true);
                        if (java.nio.file.Files.exists(spool) || java.nio.file.Files.exists(cached)) {
                            left.add(iid
                                    + (java.nio.file.Files.exists(spool) ? " spool" : "")
                                    + (java.nio.file.Files.exists(cached) ? " cache" : ""));
                        }
                    }
                    return c.invariant(
                            left.isEmpty(),
                            "removed; nothing of it is left in the controller's spool nor in the agent's cache",
                            left);
                });

        // --- the agent protocol, called directly over the loopback transport ----------------------------
        add(
                "protocol status",
                "instance id '../x'",
                "refused (INVALID_ID): invalid job instance id '../x': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> c.agent().status("../x").toString()));
        add(
                "protocol status",
                "instance id 'a/b'",
                "refused (INVALID_ID): invalid job instance id 'a/b': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> c.agent().status("a/b").toString()));
        add(
                "protocol status",
                "instance id 'a\\\\b'",
                "refused (INVALID_ID): invalid job instance id 'a\\b': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> c.agent().status("a\\b").toString()));
        add(
                "protocol status",
                "instance id with NUL",
                "refused (INVALID_ID): invalid job instance id '<uuid>\\u0000': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(
                        () -> c.agent().status(JobIds.newInstanceId() + "\0").toString()));
        add(
                "protocol status",
                "instance id of 10 kB",
                "refused (INVALID_ID): invalid job instance id '777777777777777777777777777777777777777777777777777777777777...(10240 chars)': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> c.agent().status("7".repeat(10240)).toString()));
        add(
                "protocol status",
                "instance id null",
                "refused (INVALID_ID): invalid job instance id null: expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> c.agent().status(null).toString()));
        add(
                "protocol status",
                "an upper-case UUID",
                "refused (INVALID_ID): invalid job instance id '<uuid>': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() ->
                        c.agent().status(JobIds.newInstanceId().toUpperCase()).toString()));
        add(
                "protocol launch",
                "instance id '..'",
                "refused (INVALID_ID): invalid job instance id '..': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> launched(c, launch("..", "x", "sh", "true", null, null, 0))));
        add(
                "protocol launch",
                "name with NUL and ESC, 10 kB long",
                "launched; the name comes back unchanged",
                c -> c.protocol(() -> {
                    String id = JobIds.newInstanceId();
                    String name = "a\0b\u001b[31m" + "x".repeat(10240);
                    c.agent().launch(launch(id, name, "sh", "true", null, null, 0));
                    boolean same = c.agent().status(id).name().equals(name);
                    c.agent().remove(id, true);
                    return "launched; the name comes back " + (same ? "unchanged" : "changed");
                }));
        add(
                "protocol launch",
                "shell: 'zsh; rm -rf /'",
                "FAILED: launch failed: unknown shell 'zsh; rm -rf /'; allowed: sh, bat, powershell, pwsh",
                c -> c.protocol(() ->
                        launched(c, launch(JobIds.newInstanceId(), "x", "zsh; rm -rf /", "true", null, null, 0))));
        add(
                "protocol launch",
                "dir: '../..' (relative)",
                "FAILED: launch failed: working directory '../..' must be an absolute path on the agent",
                c -> c.protocol(
                        () -> launched(c, launch(JobIds.newInstanceId(), "x", "sh", "true", "../..", null, 0))));
        add(
                "protocol launch",
                "dir: '/tmp\\u0000x' (NUL)",
                "FAILED: launch failed: working directory must not contain a NUL character",
                c -> c.protocol(
                        () -> launched(c, launch(JobIds.newInstanceId(), "x", "sh", "true", "/tmp\0x", null, 0))));
        add(
                "protocol launch",
                "env: ['A\\u0000B=1'] (NUL in the name)",
                "FAILED: launch failed: environment entries must not contain a NUL character",
                c -> c.protocol(() ->
                        launched(c, launch(JobIds.newInstanceId(), "x", "sh", "true", null, List.of("A\0B=1"), 0))));
        add(
                "protocol launch",
                "env: ['A=1\\u00002'] (NUL in the value)",
                "FAILED: launch failed: environment entries must not contain a NUL character",
                c -> c.protocol(() -> launched(
                        c, launch(JobIds.newInstanceId(), "x", "sh", "true", null, List.of("A=1\u00002"), 0))));
        add(
                "protocol launch",
                "env: ['=x']",
                "FAILED: launch failed: environment entries must look like NAME=value",
                c -> c.protocol(
                        () -> launched(c, launch(JobIds.newInstanceId(), "x", "sh", "true", null, List.of("=x"), 0))));
        add(
                "protocol launch",
                "timeoutSeconds: -1",
                "FAILED: launch failed: timeout must not be negative, got -1",
                c -> c.protocol(() -> launched(c, launch(JobIds.newInstanceId(), "x", "sh", "true", null, null, -1))));
        add(
                "protocol launch",
                "timeoutSeconds: Long.MAX_VALUE, a job of 1 s",
                "COMPLETED",
                c -> c.protocol(() ->
                        launched(c, launch(JobIds.newInstanceId(), "x", "sh", "sleep 1", null, null, Long.MAX_VALUE))));
        add(
                "protocol launch",
                "a 10 MB script",
                "COMPLETED",
                c -> c.protocol(() -> launched(
                        c,
                        launch(
                                JobIds.newInstanceId(),
                                "x",
                                "sh",
                                "#" + "x".repeat(10 << 20) + "\ntrue",
                                null,
                                null,
                                0))));
        add(
                "protocol launch",
                "the same instance id twice, another script the second time",
                "the second launch returns the job 'first'",
                c -> c.protocol(() -> {
                    String id = JobIds.newInstanceId();
                    c.agent().launch(launch(id, "first", "sh", "echo first", null, null, 0));
                    String second = c.agent()
                            .launch(launch(id, "second", "sh", "echo second", null, null, 0))
                            .name();
                    c.agent().remove(id, true);
                    return "the second launch returns the job '" + second + "'";
                }));
        add(
                "protocol read",
                "offset: -1",
                "refused (BAD_REQUEST): offset and maxBytes must not be negative",
                c -> c.protocol(() -> c.agent()
                        .read(List.of(new ReadRequest(c.keptIid(), StreamName.STDOUT, -1, 10, null)), 10, 0)
                        .toString()));
        add(
                "protocol read",
                "maxBytes: -1",
                "refused (BAD_REQUEST): offset and maxBytes must not be negative",
                c -> c.protocol(() -> c.agent()
                        .read(List.of(new ReadRequest(c.keptIid(), StreamName.STDOUT, 0, -1, null)), 10, 0)
                        .toString()));
        add(
                "protocol read",
                "stream: null",
                "refused (BAD_REQUEST): a read must name its stream, stdout or stderr",
                c -> c.protocol(() -> c.agent()
                        .read(List.of(new ReadRequest(c.keptIid(), null, 0, 10, null)), 10, 0)
                        .toString()));
        add(
                "protocol read",
                "byteBudget: -1, waitMillis: Long.MAX_VALUE, a state that changed",
                "0 chunks, state COMPLETED",
                c -> c.protocol(() -> {
                    ReadResult r = c.agent()
                            .read(
                                    List.of(new ReadRequest(
                                            c.keptIid(), StreamName.STDOUT, 0, 10, AgentJobState.RUNNING)),
                                    -1,
                                    Long.MAX_VALUE);
                    return r.chunks().size() + " chunks, state "
                            + r.statuses().get(0).state();
                }));
        add(
                "protocol read",
                "offset beyond the end, 10,000 unknown jobs",
                "0 chunks, 1 statuses",
                c -> c.protocol(() -> {
                    List<ReadRequest> many = new ArrayList<>();
                    many.add(new ReadRequest(c.keptIid(), StreamName.STDOUT, 1L << 40, 10, null));
                    for (int i = 0; i < 10_000; i++) {
                        many.add(new ReadRequest(JobIds.newInstanceId(), StreamName.STDOUT, 0, 10, null));
                    }
                    ReadResult r = c.agent().read(many, 1 << 20, 0);
                    return r.chunks().size() + " chunks, " + r.statuses().size() + " statuses";
                }));
        add(
                "protocol commit",
                "to < expected",
                "refused (BAD_REQUEST): commit range 5..2 is invalid",
                c -> c.protocol(() ->
                        c.agent().commit(c.keptIid(), StreamName.STDOUT, 5, 2).toString()));
        add(
                "protocol commit",
                "to beyond the output's length",
                "refused (BAD_REQUEST): cannot consume stdout up to 1099511627776: only 10 bytes exist",
                c -> c.protocol(() -> c.agent()
                        .commit(c.keptIid(), StreamName.STDOUT, 0, 1L << 40)
                        .toString()));
        add(
                "protocol commit",
                "expected: -1",
                "refused (BAD_REQUEST): commit range -1..1 is invalid",
                c -> c.protocol(() ->
                        c.agent().commit(c.keptIid(), StreamName.STDOUT, -1, 1).toString()));
        add(
                "protocol stop",
                "an unknown job",
                "refused (NO_SUCH_JOB): no job <uuid> in the job cache at <tmp>/home/agents/agent-1/cache",
                c -> c.protocol(() -> c.agent().stop(JobIds.newInstanceId()).toString()));
        add(
                "protocol release",
                "a running job",
                "refused (RUNNING): job <uuid> is still running",
                c -> c.protocol(() -> c.agent().release(c.runningIid()).toString()));
        add(
                "protocol remove",
                "a running job, without force",
                "refused (RUNNING): job <uuid> is still running: stop it first, or remove it with force",
                c -> c.protocol(() -> {
                    c.agent().remove(c.runningIid(), false);
                    return "removed";
                }));
        add(
                "protocol remove",
                "an unknown job",
                "ok, nothing to remove",
                c -> c.protocol(() -> {
                    c.agent().remove(JobIds.newInstanceId(), false);
                    return "ok, nothing to remove";
                }));
        add(
                "protocol remove",
                "instance id '../..'",
                "refused (INVALID_ID): invalid job instance id '../..': expected a lower-case UUID such as <uuid>",
                c -> c.protocol(() -> {
                    c.agent().remove("../..", true);
                    return "removed";
                }));
    }
}
