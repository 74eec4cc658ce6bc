package io.jenkins.plugins.remotejobs.steps;

import static io.jenkins.plugins.remotejobs.steps.Raw.args;
import static io.jenkins.plugins.remotejobs.steps.Raw.with;

import java.util.Map;

/** A minimal {@code remoteJob} call, and that call with one argument more, for the tests of its arguments. */
final class RemoteJobCall {

    static final Map<String, Object> MINIMAL = args("node", "linux-1", "script", "make soak-test");

    private RemoteJobCall() {}

    static RemoteJobArguments valid(String name, Object value) {
        return RemoteJobArguments.from(with(MINIMAL, name, value));
    }

    static String error(Map<String, Object> raw) {
        return Raw.refusal(RemoteJobArguments::from, raw);
    }

    static String error(String name, Object value) {
        return error(with(MINIMAL, name, value));
    }
}
