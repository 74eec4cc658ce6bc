package io.jenkins.plugins.remotejobs.steps;

import java.util.Collection;

/** "Did you mean" hints for misspelt argument names and choices. */
final class Suggestions {

    /** Longer inputs are not typos of our short names; also bounds the edit-distance work. */
    private static final int MAX_INPUT = 40;

    private Suggestions() {}

    /** {@code " (did you mean 'script'?)"} for a close candidate, else the empty string. */
    static String hint(String given, Collection<String> candidates) {
        String best = closest(given, candidates);
        return best == null ? "" : " (did you mean " + Values.quote(best) + "?)";
    }

    /**
     * The candidate that differs from {@code given} only in case, or else by the fewest edits within a
     * small limit (one edit for inputs of up to four chars, where two would suggest almost anything);
     * {@code null} if none is close.
     */
    static String closest(String given, Collection<String> candidates) {
        if (given.length() > MAX_INPUT) {
            return null;
        }
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(given)) {
                return candidate;
            }
        }
        int limit = given.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            int d = distance(given, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
