package io.jenkins.plugins.remotejobs.local.faults;

/**
 * One bad input of the battery: where it goes in, what it is, and what the user gets, exactly (a
 * message, or the defined result when the input is accepted). Ids, instance ids and temporary
 * paths in outcomes are written as {@code <id>}, {@code <uuid>} and {@code <tmp>}.
 *
 * @param entry the real entry point: a step of the script runner, or a call of the agent protocol
 */
record BatteryCase(String id, String entry, String input, String expected, Action action) {

    /** Feeds the input in and describes what came out, in the terms of {@link #expected}. */
    @FunctionalInterface
    interface Action {
        String run(BatteryContext c) throws Exception;
    }

    /** This case as a row of the table in {@code docs/reliability.md}. */
    String tableRow() {
        return "| " + id + " | " + entry + " | " + cell(input) + " | " + cell(expected) + " |";
    }

    private static String cell(String text) {
        StringBuilder b = new StringBuilder();
        for (String part : text.split("`", -1)) {
            if (b.length() > 0) {
                b.append("'");
            }
            b.append(part);
        }
        return "`" + b.toString().replace("|", "\\|") + "`";
    }

    @Override
    public String toString() {
        return id + " " + entry + ": " + input;
    }
}
