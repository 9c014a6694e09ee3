package dev.redflag.yaml;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt keys and names: the closest candidate by edit distance
 * (insertions, deletions, substitutions and swaps of neighbours each cost 1).
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word} within {@code maxDistance}; the first one on ties. */
    public static Optional<String> closest(String word, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = maxDistance + 1;
        for (String candidate : candidates) {
            int d = distance(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The candidate within 1 edit of a short word, up to 3 of a long one, so that a one-letter
     * name is not "corrected" into an unrelated one.
     */
    public static Optional<String> near(String word, Collection<String> candidates) {
        return closest(word, candidates, Math.max(1, Math.min(3, word.length() / 3)));
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
