package io.jenkins.plugins.remotejobs.controller.model;

/**
 * The filters of {@code getJob}. Without {@code all}, {@code id} or {@code name}, only the caller's
 * build's jobs are listed.
 *
 * @param id one job by id, or null
 * @param name a name pattern with {@code *} and {@code ?}, or null
 * @param state only jobs in this state, or null
 * @param node only jobs on this node, or null
 * @param all every job the caller may reach
 * @param includeChildJobs list child jobs too, not only top-level ones
 */
public record JobQuery(Long id, String name, JobState state, String node, boolean all, boolean includeChildJobs) {

    public static JobQuery thisBuild() {
        return new JobQuery(null, null, null, null, false, false);
    }

    /** Whether {@code name} matches a pattern with {@code *} (any run) and {@code ?} (one character). */
    public static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    private static boolean matches(String p, int pi, String s, int si) {
        // Iterative with one backtrack point: linear in practice, no regex built from user input.
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
