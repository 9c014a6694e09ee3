package dev.redflag.scorecard;

import java.util.Arrays;
import java.util.Collection;

/** The median of a collection of numbers: the middle one, or the mean of the two middle ones; NaN for none. */
final class Medians {

    private Medians() {
    }

    static double of(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
