package io.jenkins.plugins.remotejobs.controller.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The Get-Job table as text: {@code Id  Name  State  HasMoreData  Location  Command}, columns as
 * wide as their widest cell (names and commands shortened), control characters shown escaped so a
 * hostile name cannot rewrite the log.
 */
public final class JobTableFormat {

    private static final String[] HEADER = {"Id", "Name", "State", "HasMoreData", "Location", "Command"};
    private static final String[] UNKNOWN_HEADER = {"InstanceId", "Name", "State", "HasMoreData", "Command"};
    private static final int MAX_CELL = 40;

    private JobTableFormat() {}

    public static String format(List<JobInfo> jobs) {
        return table(
                HEADER,
                jobs.stream()
                        .map(j -> new String[] {
                            j.id() == 0 ? "-" : Long.toString(j.id()),
                            cell(j.name()),
                            j.state().label(),
                            j.hasMoreData() ? "True" : "False",
                            cell(j.location()),
                            cell(j.command())
                        })
                        .toList());
    }

    /**
     * Jobs an agent holds that no record knows, by the instance id that names them there (they
     * have no id in the table): {@code InstanceId  Name  State  HasMoreData  Command}.
     */
    public static String formatUnknown(List<JobInfo> jobs) {
        return table(
                UNKNOWN_HEADER,
                jobs.stream()
                        .map(j -> new String[] {
                            cell(j.instanceId()),
                            cell(j.name()),
                            j.state().label(),
                            j.hasMoreData() ? "True" : "False",
                            cell(j.command())
                        })
                        .toList());
    }

    private static String table(String[] header, List<String[]> cells) {
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(header[i].length());
        }
        rows.add(rule);
        rows.addAll(cells);
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String cell(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_CELL; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (b.length() >= MAX_CELL && text.length() > MAX_CELL) {
            b.setLength(MAX_CELL - 3);
            b.append("...");
        }
        return b.toString();
    }
}
