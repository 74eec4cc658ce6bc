package io.jenkins.plugins.remotejobs.local.runner;

import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.jenkins.plugins.remotejobs.controller.host.BuildLog;
import io.jenkins.plugins.remotejobs.controller.model.JobException;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.local.agents.LocalAgents;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.steps.StepArgumentException;
import io.jenkins.plugins.remotejobs.steps.StepNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * Runs a Jenkinsfile-syntax script against the local host. Every way a script can go wrong that is
 * the user's doing (a syntax error, an unknown step, a bad argument, {@code error}) becomes a
 * {@link ScriptFailure} with a message and no stack trace.
 */
public final class ScriptRunner {

    private final JobSteps steps;
    private final LocalAgents agents;
    private final BuildLog log;
    private final Path workingDirectory;

    public ScriptRunner(JobSteps steps, LocalAgents agents, BuildLog log, Path workingDirectory) {
        this.steps = steps;
        this.agents = agents;
        this.log = log;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Runs the script as build {@code build}.
     *
     * @throws ScriptFailure with a message for the user when the script fails
     */
    public void run(Path script, String build) throws ScriptFailure {
        String text = ScriptText.read(script);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JenkinsfileScript.class.getName());
        GroovyShell shell = new GroovyShell(getClass().getClassLoader(), config);
        Script parsed;
        try {
            parsed = shell.parse(text, script.getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_"));
        } catch (CompilationFailedException e) {
            throw new ScriptFailure(
                    script + " does not compile:\n" + e.getMessage().strip());
        }
        JenkinsfileScript jenkinsfile = (JenkinsfileScript) parsed;
        jenkinsfile.init(new RunContext(steps, agents, new LocalCaller("local", build, log, workingDirectory)));
        try {
            jenkinsfile.run();
        } catch (MissingMethodException e) {
            if (e.getType() != null && JenkinsfileScript.class.isAssignableFrom(e.getType())) {
                String usage = JenkinsfileScript.usage(e.getMethod());
                if (usage != null) {
                    throw new ScriptFailure(
                            e.getMethod() + ": cannot be called with " + argumentTypes(e) + "; usage: " + usage);
                }
                throw new ScriptFailure(
                        "unknown step '" + e.getMethod() + "'; this runner offers " + String.join(", ", offered()));
            }
            throw new ScriptFailure(e.getMessage());
        } catch (MissingPropertyException e) {
            throw new ScriptFailure(unknownName(e, parsed.getClass()));
        } catch (StepArgumentException | JobException | ScriptError | IllegalStateException e) {
            throw new ScriptFailure(e.getMessage());
        } catch (RuntimeException e) {
            throw new ScriptFailure("the script failed" + at(e, parsed.getClass(), " at line ") + ": " + e);
        }
    }

    /** A name the script uses as a variable that is none: a step named alone, or a text without quotes. */
    private static String unknownName(MissingPropertyException e, Class<?> script) {
        String name = e.getProperty();
        String where = at(e, script, "line ");
        String prefix = where.isEmpty() ? "" : where + ": ";
        String usage = JenkinsfileScript.usage(name);
        if (usage != null) {
            return prefix + "'" + name + "' is a step, not a variable (`" + name + " -1` reads as " + name
                    + " minus 1); usage: " + usage;
        }
        return prefix + "no variable named '" + name + "' (a text needs quotes: '" + name + "')";
    }

    /** {@code prefix} and the script's line the failure happened on, or "" when it is not known. */
    private static String at(Throwable e, Class<?> script, String prefix) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(script.getName()) && frame.getLineNumber() > 0) {
                return prefix + frame.getLineNumber();
            }
        }
        return "";
    }

    /** The types of the arguments given, never their values (they may hold secrets). */
    private static String argumentTypes(MissingMethodException e) {
        List<String> types = new ArrayList<>();
        for (Object a : e.getArguments()) {
            types.add(
                    a == null
                            ? "null"
                            : a instanceof java.util.Map
                                    ? "named arguments"
                                    : a.getClass().getSimpleName());
        }
        return types.isEmpty() ? "no arguments" : "(" + String.join(", ", types) + ")";
    }

    private static List<String> offered() {
        List<String> all = new ArrayList<>(StepNames.ALL);
        all.addAll(JenkinsfileScript.BASIC_STEPS);
        return all;
    }

    /** The script failed; the message says why, for the person who wrote it. */
    public static final class ScriptFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ScriptFailure(String message) {
            super(message);
        }
    }
}
