package io.jenkins.plugins.remotejobs.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
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

    /**
     * The descriptor all six share: the step's function name, required context, and validation
     * before instantiation. Each step's descriptor names itself, its validator and its factory in
     * its constructor, and adds its display name.
     */
    abstract static class ArgumentsDescriptor extends StepDescriptor {

        private final String functionName;
        private final transient Consumer<Map<String, Object>> validator;
        private final transient Function<Map<String, Object>, Step> factory;

        /**
         * @param validator the engine's validator of the step's raw arguments; throws its message
         * @param factory creates the step from arguments that passed {@code validator}
         */
        ArgumentsDescriptor(
                String functionName,
                Consumer<Map<String, Object>> validator,
                Function<Map<String, Object>, Step> factory) {
            this.functionName = functionName;
            this.validator = validator;
            this.factory = factory;
        }

        @Override
        public final String getFunctionName() {
            return functionName;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepSupport.REQUIRED_CONTEXT;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            StepSupport.validate(arguments, validator);
            return factory.apply(arguments);
        }
    }
}
