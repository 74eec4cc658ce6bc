package io.jenkins.plugins.remotejobs.controller.table;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.controller.model.Receipt;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Job records to and from {@link Properties}, the persisted form. Unknown keys are ignored and
 * missing ones take defaults, so fields can be added later without breaking old tables.
 */
final class JobRecordCodec {

    private JobRecordCodec() {}

    static Properties encode(JobRecord r) {
        Properties p = new Properties();
        p.setProperty("id", Long.toString(r.id()));
        p.setProperty("instanceId", r.instanceId());
        put(p, "name", r.name());
        put(p, "node", r.node());
        put(p, "command", r.command());
        put(p, "shell", r.shell());
        p.setProperty("keepOnAgent", Boolean.toString(r.keepOnAgent()));
        put(p, "owner", r.owner());
        put(p, "build", r.build());
        p.setProperty("parentId", Long.toString(r.parentId()));
        p.setProperty("childIds", r.childIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.setProperty("state", r.state().name());
        put(p, "exitCode", r.exitCode() == null ? null : r.exitCode().toString());
        put(p, "reason", bounded(r.reason()));
        p.setProperty("stdoutLength", Long.toString(r.stdoutLength()));
        p.setProperty("stderrLength", Long.toString(r.stderrLength()));
        p.setProperty("stdoutConsumed", Long.toString(r.stdoutConsumed()));
        p.setProperty("stderrConsumed", Long.toString(r.stderrConsumed()));
        p.setProperty("collected", Boolean.toString(r.collected()));
        put(p, "charset", r.charset());
        p.setProperty("createdAt", Long.toString(r.createdAt()));
        p.setProperty("endedAt", Long.toString(r.endedAt()));
        p.setProperty("disconnectedAt", Long.toString(r.disconnectedAt()));
        p.setProperty("launched", Boolean.toString(r.launched()));
        put(p, "receipt", r.receipt() == null ? null : r.receipt().encode());
        return p;
    }

    static JobRecord decode(Properties p) {
        JobRecord.Builder b = new JobRecord.Builder();
        b.id = Long.parseLong(p.getProperty("id"));
        b.instanceId = p.getProperty("instanceId");
        b.name = p.getProperty("name");
        b.node = p.getProperty("node");
        b.command = p.getProperty("command");
        b.shell = p.getProperty("shell");
        b.keepOnAgent = Boolean.parseBoolean(p.getProperty("keepOnAgent"));
        b.owner = p.getProperty("owner");
        b.build = p.getProperty("build");
        b.parentId = number(p, "parentId");
        String children = p.getProperty("childIds", "");
        b.childIds = children.isEmpty()
                ? List.of()
                : Arrays.stream(children.split(",")).map(Long::valueOf).toList();
        b.state = JobState.valueOf(p.getProperty("state", JobState.NOT_STARTED.name()));
        b.exitCode = p.getProperty("exitCode") == null ? null : Integer.valueOf(p.getProperty("exitCode"));
        b.reason = p.getProperty("reason");
        b.stdoutLength = number(p, "stdoutLength");
        b.stderrLength = number(p, "stderrLength");
        b.stdoutConsumed = number(p, "stdoutConsumed");
        b.stderrConsumed = number(p, "stderrConsumed");
        b.collected = Boolean.parseBoolean(p.getProperty("collected"));
        b.charset = p.getProperty("charset");
        b.createdAt = number(p, "createdAt");
        b.endedAt = number(p, "endedAt");
        b.disconnectedAt = number(p, "disconnectedAt");
        // Records written before this field existed were launched or failed: never "unconfirmed".
        b.launched = Boolean.parseBoolean(p.getProperty("launched", "true"));
        b.receipt = Receipt.decode(p.getProperty("receipt"));
        return b.build();
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    /** Reasons come from agents and exceptions: keep them to a size a record may carry. */
    private static String bounded(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
    }

    private static long number(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? 0 : Long.parseLong(v);
    }
}
