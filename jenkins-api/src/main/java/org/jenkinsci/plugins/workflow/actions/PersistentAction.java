// Declaration of org.jenkins-ci.plugins.workflow:workflow-api 1413.v2ff1a_5e720fa_,
// src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java — signatures only.
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {}
