package dev.redflag.rules.eval;

import java.util.Arrays;

/**
 * What a seasonal anomaly detector judges instead of raw values: each value's residual from the
 * median of the values at the same time on the previous {@link #SEASONS} days (or weeks). A series
 * with a daily rhythm (traffic by hour, sign-ups that sleep at night) then shows its anomalies as
 * residuals far from 0 while its normal peaks vanish.
 *
 * <p>The value "at the same time" k seasons back is the kept window nearest to start − k × season,
 * within a tolerance of season / 96 (15 minutes for a day): KPI windows line up exactly, but
 * series fed from irregular samples do not. A residual needs {@link #NEEDED} of the
 * {@link #SEASONS} references; without them it is NaN and the value is not judged. Residuals of a
 * run of past windows are found with one forward pass per season, not a search per window.
 */
final class SeasonalResiduals {

    /** Seasons back whose median is the reference. */
    static final int SEASONS = 3;
    /** References a residual needs. */
    static final int NEEDED = 2;

    private SeasonalResiduals() {
    }

    /** The kept-window tolerance around start − k × season. */
    static long tolerance(long season) {
        return season / 96;
    }

    /**
     * Residuals of the kept windows {@code from .. before - 1}, oldest first; NaN where the window has
     * no value or too few references.
     */
    static double[] past(SeriesHistory h, int from, int before, long season) {
        int n = Math.max(0, before - from);
        double[] residuals = new double[n];
        if (n == 0) {
            return residuals;
        }
        long tolerance = tolerance(season);
        int[] pointers = new int[SEASONS];
        for (int k = 0; k < SEASONS; k++) {
            pointers[k] = h.countBefore(h.start(from) - (k + 1) * season - tolerance);
        }
        double[] found = new double[SEASONS];
        for (int j = from; j < before; j++) {
            int m = 0;
            for (int k = 0; k < SEASONS; k++) {
                long target = h.start(j) - (k + 1) * season;
                int p = pointers[k];
                while (p < j && h.start(p) < target - tolerance) {
                    p++;
                }
                pointers[k] = p;
                double v = nearest(h, p, j, target, tolerance);
                if (!Double.isNaN(v)) {
                    found[m++] = v;
                }
            }
            double v = h.value(j);
            residuals[j - from] = m < NEEDED || Double.isNaN(v) ? Double.NaN : v - median(found, m);
        }
        return residuals;
    }

    /**
     * The residual of {@code value} of the window starting at {@code start}, against the kept windows
     * before {@code before}.
     */
    static double of(SeriesHistory h, int before, long start, double value, long season) {
        long tolerance = tolerance(season);
        double[] found = new double[SEASONS];
        int n = 0;
        for (int k = 1; k <= SEASONS; k++) {
            long target = start - k * season;
            double v = nearest(h, Math.min(before, h.countBefore(target - tolerance)), before, target, tolerance);
            if (!Double.isNaN(v)) {
                found[n++] = v;
            }
        }
        if (n < NEEDED || Double.isNaN(value)) {
            return Double.NaN;
        }
        return value - median(found, n);
    }

    /** The value of the kept window nearest to {@code target} within the tolerance, among {@code from .. limit - 1}. */
    private static double nearest(SeriesHistory h, int from, int limit, long target, long tolerance) {
        double best = Double.NaN;
        long bestDistance = Long.MAX_VALUE;
        for (int q = from; q < limit && h.start(q) <= target + tolerance; q++) {
            long distance = Math.abs(h.start(q) - target);
            if (distance <= tolerance && distance < bestDistance && !Double.isNaN(h.value(q))) {
                best = h.value(q);
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The median of the first n values, sorting them in place. */
    private static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
