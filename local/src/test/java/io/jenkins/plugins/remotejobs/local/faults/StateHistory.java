package io.jenkins.plugins.remotejobs.local.faults;

import io.jenkins.plugins.remotejobs.controller.model.JobRecord;
import io.jenkins.plugins.remotejobs.controller.model.JobState;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The states some jobs went through in the controller's table, as a watcher thread saw them: it
 * looks again after every change of the table (the manager's event signal), so it sees most
 * transitions, though one overwritten at once may escape it. A finished state ({@code Completed},
 * {@code Failed}, {@code Stopped}, {@code Lost}) is final; {@link #regressions} lists every job seen
 * leaving one.
 */
final class StateHistory implements AutoCloseable {

    private final LocalHost host;
    private final long[] ids;
    private final Map<Long, List<JobState>> seen = new LinkedHashMap<>();
    private final Thread watcher;
    private volatile boolean closed;

    StateHistory(LocalHost host, long... ids) {
        this.host = host;
        this.ids = ids.clone();
        for (long id : ids) {
            seen.put(id, new ArrayList<>());
        }
        this.watcher = new Thread(this::watch, "state history");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (!closed) {
            long generation = host.manager().events().generation();
            look();
            try {
                host.manager().events().await(generation, 50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void look() {
        for (long id : ids) {
            JobState state =
                    host.manager().table().get(id).map(JobRecord::state).orElse(null);
            List<JobState> states = seen.get(id);
            if (state != null && (states.isEmpty() || states.get(states.size() - 1) != state)) {
                states.add(state);
            }
        }
    }

    /** Each job's states in the order seen, e.g. {@code 4: Running > Disconnected > Completed}. */
    synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        seen.forEach((id, states) -> out.add(id + ": "
                + String.join(" > ", states.stream().map(JobState::toString).toList())));
        return out;
    }

    /** The jobs seen leaving a finished state, with their histories. */
    synchronized List<String> regressions() {
        List<String> out = new ArrayList<>();
        seen.forEach((id, states) -> {
            boolean finished = false;
            for (JobState s : states) {
                if (finished && !s.isFinished()) {
                    out.add(id + ": "
                            + String.join(
                                    " > ",
                                    states.stream().map(JobState::toString).toList()));
                    return;
                }
                finished |= s.isFinished();
            }
        });
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        watcher.join(5_000);
        look();
    }
}
