package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The one rule all six steps follow: a step is its named arguments, exactly as the script gave
 * them (or as the Snippet Generator's form set them), and the engine's validator checks them. Jenkins
 * alone would only warn about an unknown argument; {@link ArgumentsDescriptor#newInstance} fails
 * with the validator's message instead.
 */
abstract class ArgumentsStep extends Step {

    private final LinkedHashMap<String, Object> arguments = new LinkedHashMap<>();

    ArgumentsStep(Map<String, Object> raw) {
        arguments.putAll(raw);
    }

    /** A copy of the arguments, serializable (values are strings, numbers, booleans, lists, handles). */
    LinkedHashMap<String, Object> arguments() {
        return new LinkedHashMap<>(arguments);
    }

    void put(String name, Object value) {
        if (value == null) {
            arguments.remove(name);
        } else {
            arguments.put(name, value);
        }
    }

    <T> T get(String name, Class<T> type, T defaultValue) {
        Object value = arguments.get(name);
        return type.isInstance(value) ? type.cast(value) : defaultValue;
    }

    /** The descriptor all six share: required context, and validation before instantiation. */
    abstract static class ArgumentsDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepSupport.REQUIRED_CONTEXT;
        }

        /** Checks the raw arguments with the engine's validator; throws its message. */
        abstract void validate(Map<String, Object> arguments);

        /** Creates the step from arguments that passed {@link #validate}. */
        abstract Step create(Map<String, Object> arguments);

        @Override
        @SuppressWarnings("deprecation")
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            StepSupport.validate(arguments, this::validate);
            return create(arguments);
        }
    }
}
