package io.jenkins.plugins.remotejobs.local.runner;

/** The script failed with a message for its user ({@code error 'x'}, an unknown step, a bad sleep). */
public final class ScriptError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScriptError(String message) {
        super(message);
    }
}
