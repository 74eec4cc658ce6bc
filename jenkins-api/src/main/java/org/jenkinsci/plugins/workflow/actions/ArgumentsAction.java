// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/actions/ArgumentsAction.java — signatures only.
package org.jenkinsci.plugins.workflow.actions;

import java.util.Map;

public abstract class ArgumentsAction implements PersistentAction {
    public enum NotStoredReason {
        MASKED_VALUE,
        OVERSIZE_VALUE,
        UNSERIALIZABLE
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("declaration only");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("declaration only");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Map<String, Object> getArguments() {
        throw new UnsupportedOperationException("declaration only");
    }

    protected abstract Map<String, Object> getArgumentsInternal();
}
