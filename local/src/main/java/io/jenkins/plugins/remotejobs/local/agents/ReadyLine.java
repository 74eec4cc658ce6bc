package io.jenkins.plugins.remotejobs.local.agents;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line an agent prints on its standard output once it serves its cache:
 * {@code REMOTE-JOBS-AGENT-READY port=<n> stub=<base64>}. The stub is all the controller needs; the
 * port is there for people reading logs and for tests. Other lines on the agent's output are not
 * ready lines and are ignored.
 */
record ReadyLine(int port, String stub) {

    static final String PREFIX = "REMOTE-JOBS-AGENT-READY ";

    private static final Pattern FORMAT =
            Pattern.compile("REMOTE-JOBS-AGENT-READY port=(\\d{1,5}) stub=([A-Za-z0-9+/=]+)");

    static boolean isReadyLine(String line) {
        return line.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException if the line is not a well-formed ready line */
    static ReadyLine parse(String line) {
        Matcher m = FORMAT.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "malformed ready line: " + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
        }
        int port = Integer.parseInt(m.group(1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ready line names port " + port);
        }
        return new ReadyLine(port, m.group(2));
    }

    String format() {
        return PREFIX + "port=" + port + " stub=" + stub;
    }
}
