/**
 * The job table ({@code Get-Job}) and its journal: every job's record in memory, kept only once it
 * is in the append-only journal, snapshotted and compacted, synced by group commit before a step
 * hands out what depends on it.
 */
package io.jenkins.plugins.remotejobs.controller.table;
