package io.jenkins.plugins.remotejobs.actions;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.remotejobs.RemoteJobsService;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds the Remote Jobs page to builds that started jobs. Viewing a build already needs Item/READ on
 * its job, which owns those jobs.
 */
@Extension
@SuppressWarnings("rawtypes")
public final class BuildJobsActionFactory extends TransientActionFactory<Run> {

    @Override
    public Class<Run> type() {
        return Run.class;
    }

    @Override
    public Collection<? extends Action> createFor(Run target) {
        try {
            if (RemoteJobsService.get()
                    .steps()
                    .manager()
                    .table()
                    .byBuild(target.getExternalizableId())
                    .isEmpty()) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of(new BuildJobsAction((Run<?, ?>) target));
    }
}
