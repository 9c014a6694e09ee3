package dev.redflag.ruletest;

import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * Pairs expected entries with actual alerts one to one, as many as possible. With subset
 * matching one entry may fit several alerts (a tenant without a page fits every page), so a
 * greedy first fit could call an alert unexpected that a better pairing would have matched; a
 * maximum matching (Kuhn's augmenting paths, fine for the handful of alerts in a test) cannot.
 */
final class Matching {

    private Matching() {
    }

    /** For each expected index, the actual index it is paired with, or -1. */
    static int[] pair(int expected, int actual, BiPredicate<Integer, Integer> fits) {
        int[] actualTo = new int[actual];
        Arrays.fill(actualTo, -1);
        for (int e = 0; e < expected; e++) {
            augment(e, new boolean[actual], actualTo, actual, fits);
        }
        int[] expectedTo = new int[expected];
        Arrays.fill(expectedTo, -1);
        for (int a = 0; a < actual; a++) {
            if (actualTo[a] >= 0) {
                expectedTo[actualTo[a]] = a;
            }
        }
        return expectedTo;
    }

    private static boolean augment(int e, boolean[] seen, int[] actualTo, int actual,
                                   BiPredicate<Integer, Integer> fits) {
        for (int a = 0; a < actual; a++) {
            if (seen[a] || !fits.test(e, a)) {
                continue;
            }
            seen[a] = true;
            if (actualTo[a] < 0 || augment(actualTo[a], seen, actualTo, actual, fits)) {
                actualTo[a] = e;
                return true;
            }
        }
        return false;
    }
}
