package dev.redflag.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nearest-rank percentiles of a sample: the p-th percentile is the smallest value that at least p%
 * of the sample is at or below. No interpolation, so every figure reported is one that was measured.
 */
record Percentiles(long count, long p50, long p99, long max) {

    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, -1, -1, -1);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank {@code p}-th percentile of an ascending, non-empty array. */
    static long rank(long[] sorted, double p) {
        int r = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(r, 1) - 1];
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : String.format(Locale.ROOT, "%,d: p50 %,d ms, p99 %,d ms, max %,d ms", count, p50,
                p99, max);
    }
}
