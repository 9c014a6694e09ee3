package dev.redflag.local;

import java.util.Arrays;
import java.util.Locale;

/** The median of a figure over passes, with its smallest and largest. */
record Spread(double median, double min, double max, int n) {

    static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** {@code 123,456 (120,000–130,000)} */
    String rates() {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", median, min, max);
    }
}
