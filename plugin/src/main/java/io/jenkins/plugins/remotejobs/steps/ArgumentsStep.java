package io.jenkins.plugins.remotejobs.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The one rule all six steps follow: a step is its named arguments, exactly as the script gave
 * them (or as the Snippet Generator's form set them), and the engine's validator checks them. Jenkins
 * alone would only warn about an unknown argument; {@link ArgumentsDescriptor#newInstance} fails
 * with the validator's message instead.
 *
 * <p>So an argument is declared once, by its {@code @DataBoundSetter}: that is what tells Jenkins
 * its name, type and help, and what the form's value becomes. A setter leaves out a value equal to
 * the argument's default (blank text, an unticked box), so the arguments are exactly what a call
 * must say; they are read back as they are, for a snippet too ({@link ArgumentsDescriptor#uninstantiate}),
 * which is why the steps need no getters.
 */
abstract class ArgumentsStep extends Step {

    private final LinkedHashMap<String, Object> arguments = new LinkedHashMap<>();

    /** A copy of the arguments, serializable (values are strings, numbers, booleans, lists, handles). */
    LinkedHashMap<String, Object> arguments() {
        return new LinkedHashMap<>(arguments);
    }

    /** Sets an argument; {@code null} leaves it out. */
    final void put(String name, Object value) {
        if (value == null) {
            arguments.remove(name);
        } else {
            arguments.put(name, value);
        }
    }

    /** A text argument; blank text, or its default {@code ifAbsent}, leaves it out. */
    final void putText(String name, String value, String ifAbsent) {
        put(name, value == null || value.isBlank() || value.equals(ifAbsent) ? null : value);
    }

    final void putText(String name, String value) {
        putText(name, value, null);
    }

    /** A switch, which is off unless given. */
    final void putFlag(String name, boolean value) {
        put(name, value ? Boolean.TRUE : null);
    }

    /** A list argument; an empty one leaves it out. */
    final void putList(String name, List<?> value) {
        put(name, value == null || value.isEmpty() ? null : new ArrayList<>(value));
    }

    final boolean flag(String name) {
        return Boolean.TRUE.equals(arguments.get(name));
    }

    /** Most steps do their work at once, on a pool thread; a step that waits or starts jobs says so. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        return QuickExecution.of(getDescriptor().getFunctionName(), context, arguments());
    }

    /**
     * The descriptor all six share: the step's function name and display name, required context,
     * validation before instantiation, and the arguments as they are for a snippet. Each step's
     * descriptor names these in its constructor.
     */
    abstract static class ArgumentsDescriptor extends StepDescriptor {

        private final String functionName;
        private final transient Consumer<Map<String, Object>> validator;
        private final transient Supplier<ArgumentsStep> blank;
        private final transient Supplier<String> displayName;

        /**
         * @param validator the engine's validator of the step's raw arguments; throws its message
         * @param blank the step without arguments, which then takes those that passed {@code validator}
         * @param displayName the localized name, looked up each time it is shown
         */
        ArgumentsDescriptor(
                String functionName,
                Consumer<Map<String, Object>> validator,
                Supplier<ArgumentsStep> blank,
                Supplier<String> displayName) {
            this.functionName = functionName;
            this.validator = validator;
            this.blank = blank;
            this.displayName = displayName;
        }

        @Override
        public final String getFunctionName() {
            return functionName;
        }

        @Override
        public final String getDisplayName() {
            return displayName.get();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepSupport.REQUIRED_CONTEXT;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            StepSupport.validate(arguments, validator);
            ArgumentsStep step = blank.get();
            step.arguments.clear();
            step.arguments.putAll(arguments);
            return step;
        }

        /**
         * The step's arguments in name order, as Jenkins' own reading of a step gives them: what the
         * Snippet Generator writes. The model is the step's, so a lone required argument is written
         * without its name, as Jenkins does.
         */
        @Override
        public UninstantiatedDescribable uninstantiate(Step step) {
            UninstantiatedDescribable described =
                    new UninstantiatedDescribable(new TreeMap<>(((ArgumentsStep) step).arguments()));
            described.setModel(DescribableModel.of(step.getClass()));
            return described;
        }
    }
}
