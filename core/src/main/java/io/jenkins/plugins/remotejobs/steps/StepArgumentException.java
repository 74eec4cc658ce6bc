package io.jenkins.plugins.remotejobs.steps;

/**
 * A step was called with arguments it does not accept. The message is complete and meant for the
 * script's author: it names the step, the argument, what was given (quoted, bounded, control
 * characters escaped, never a secret) and what is allowed, so hosts show the message alone, without a
 * stack trace.
 */
public class StepArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final String argument;

    /**
     * @param step the step's function name, which starts the message
     * @param argument the argument at fault, or {@code null} when the fault is a combination
     * @param detail the rest of the message, after {@code "<step>: "}
     */
    public StepArgumentException(String step, String argument, String detail) {
        super(step + ": " + detail);
        this.step = step;
        this.argument = argument;
    }

    /** The step's function name, e.g. {@code receiveJob}. */
    public String step() {
        return step;
    }

    /**
     * The argument at fault (for a list item, the list's argument), so a form can mark the field;
     * {@code null} when no single argument is (a missing choice, two arguments that exclude each other).
     */
    public String argument() {
        return argument;
    }
}
