package io.jenkins.plugins.remotejobs.local.runner;

import groovy.lang.Closure;
import groovy.lang.Script;
import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.local.LocalCaller;
import io.jenkins.plugins.remotejobs.steps.JobSteps;
import io.jenkins.plugins.remotejobs.steps.StepNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The base class every Jenkinsfile is compiled against in the local host: exactly the six steps of
 * STEPS.md with the same arguments (validated by the engine's shared validator), plus {@code echo},
 * {@code sleep}, {@code error}, {@code stage} and {@code node}. Anything else is an unknown step.
 */
public abstract class JenkinsfileScript extends Script {

    /** The Pipeline steps this runner offers besides the six job steps. */
    static final List<String> BASIC_STEPS = List.of("echo", "sleep", "error", "stage", "node");

    private static final Map<String, String> BASIC_USAGE = Map.of(
            "echo", "echo 'message'",
            "sleep", "sleep 5 (seconds), or sleep time: 500, unit: 'MILLISECONDS'",
            "error", "error 'message'",
            "stage", "stage('name') { ... }",
            "node", "node('agent-1') { ... }, or node { ... } for the first agent");

    /** How a step this runner offers is called, for an error about a call it cannot take; null for others. */
    static String usage(String step) {
        if (StepNames.ALL.contains(step)) {
            return step + " takes named arguments only (" + step + " name: value, ...), from: "
                    + String.join(", ", StepNames.argumentsOf(step));
        }
        return BASIC_USAGE.get(step);
    }

    private RunContext context;

    void init(RunContext runContext) {
        this.context = runContext;
    }

    private JobSteps steps() {
        return context.steps();
    }

    private LocalCaller caller() {
        return context.caller();
    }

    public LocalJobHandle remoteJob(Map<String, ?> args) throws InterruptedException {
        return handle(steps().remoteJob(args, caller()));
    }

    public List<LocalJobHandle> getJob() {
        return getJob(Map.of());
    }

    public List<LocalJobHandle> getJob(Map<String, ?> args) {
        return handles(steps().getJob(args, caller()));
    }

    public Object receiveJob(Map<String, ?> args) throws InterruptedException {
        return steps().receiveJob(args, caller());
    }

    public List<LocalJobHandle> waitJob(Map<String, ?> args) throws InterruptedException {
        return handles(steps().waitJob(args, caller()));
    }

    public void stopJob(Map<String, ?> args) {
        steps().stopJob(args, caller());
    }

    public void removeJob(Map<String, ?> args) {
        steps().removeJob(args, caller());
    }

    public void echo(Object message) {
        caller().log().println(String.valueOf(message));
    }

    /** Jenkins' {@code sleep}: seconds. */
    public void sleep(long seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(nonNegative(seconds));
    }

    private static long nonNegative(long time) {
        if (time < 0) {
            throw new ScriptError("sleep: the time must be 0 or more, got " + time);
        }
        return time;
    }

    /** Jenkins' {@code sleep time: 5, unit: 'MILLISECONDS'}. */
    public void sleep(Map<String, ?> args) throws InterruptedException {
        Object time = args.get("time");
        Object unit = args.containsKey("unit") ? args.get("unit") : "SECONDS";
        if (!(time instanceof Number) || args.keySet().stream().anyMatch(k -> !k.equals("time") && !k.equals("unit"))) {
            throw new ScriptError(
                    "sleep: expected time: <number> and optionally unit: 'SECONDS' (or another TimeUnit)");
        }
        try {
            TimeUnit.valueOf(String.valueOf(unit)).sleep(nonNegative(((Number) time).longValue()));
        } catch (IllegalArgumentException e) {
            throw new ScriptError("sleep: unknown unit '" + unit + "'; allowed: " + List.of(TimeUnit.values()));
        }
    }

    public void error(String message) {
        throw new ScriptError(message);
    }

    public Object stage(String name, Closure<?> body) {
        caller().log().println("[stage] " + name);
        return body.call();
    }

    /** {@code node(name) { }}: a workspace scope on that agent (the jobs still start where they say). */
    public Object node(String name, Closure<?> body) {
        RunContext outer = context;
        context = outer.inNode(name);
        try {
            return body.call();
        } finally {
            context = outer;
        }
    }

    public Object node(Closure<?> body) {
        return node(context.firstNode(), body);
    }

    private LocalJobHandle handle(JobRecord r) {
        return new LocalJobHandle(steps().manager(), r.id(), r.instanceId());
    }

    private List<LocalJobHandle> handles(List<JobRecord> records) {
        List<LocalJobHandle> out = new ArrayList<>();
        records.forEach(r -> out.add(handle(r)));
        return out;
    }
}
