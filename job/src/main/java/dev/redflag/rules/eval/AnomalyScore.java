package dev.redflag.rules.eval;

import java.util.Arrays;

/**
 * How unusual a value is against the values before it, as a z-score, and the z a rule's
 * {@code sensitivity} asks for. Causal by construction: it is given only the past, so a
 * detector scores the same live as in a backtest. Public so the same scoring can be measured on
 * labelled benchmark series.
 *
 * <p>Choices, all deterministic:
 * <ul>
 *   <li>robust z: center = median, spread = 1.4826 × MAD (the normal-consistent MAD); when the MAD
 *       is 0 but the past is not flat (more than half of it one value, as in counts that are mostly
 *       0), 1.2533 × the mean absolute deviation from the median (normal-consistent too, the
 *       fallback of IBM's modified z-score); when the past is flat the spread is the floor
 *       1e-9 + 0.01 × |median|, so a flat series alerts on a move of a few percent rather than on
 *       any rounding noise, and never divides by 0;</li>
 *   <li>EWMA: exponentially weighted mean and variance over the trailing values with
 *       alpha = 2 / (windows + 1), the newest weighing most (weight (1 − alpha)^age, normalised
 *       over the values given, so there is no start-up bias); spread = the weighted standard
 *       deviation, with the same floor when it is 0;</li>
 *   <li>range: center = the median of the newer half of the past values, spread = the largest
 *       distance of any past value from it; the statistic (value − center) / spread exceeds 1 in
 *       size exactly when the value is further from the median than every past value, however
 *       heavy the tails of the series (a z-score of a spiky series is large all the time, its
 *       range statistic is not); the same floor when every past value equals the center;</li>
 *   <li>threshold z* = 6 × 0.4^((s − 1) / 9) for sensitivity s in 1..10 (clamped; NaN = 5):
 *       s=1 → 6, s=5 → 3.99, s=10 → 2.4, decreasing with s; a range statistic is held against
 *       z* / z*(5): 1 at s=5 (just outside the past range), 1.5 at s=1, 0.6 at s=10;</li>
 *   <li>a z-score is judged once at least min(windows, max(8, ceil(windows / 2))) past values are
 *       known, a range once min(windows, max(8, windows / 10)) are: a range needs no spread
 *       estimate, only enough values to be a range.</li>
 * </ul>
 */
public final class AnomalyScore {

    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double MEAN_AD_TO_SIGMA = 1.2533;

    private AnomalyScore() {
    }

    /** A z-score with what it was computed from. */
    public record Score(double center, double spread, double z) {
    }

    /** The |statistic| at which a range value is anomalous at the default sensitivity: the edge of the range. */
    public static final double RANGE_EDGE = 1;

    /** The |z| a rule with this sensitivity (1 = few alerts .. 10 = many) treats as anomalous. */
    public static double threshold(double sensitivity) {
        double s = Double.isNaN(sensitivity) ? 5 : Math.max(1, Math.min(10, sensitivity));
        return 6 * Math.pow(0.4, (s - 1) / 9);
    }

    /** Past values needed before a value with a {@code windows}-long lookback is judged. */
    public static int required(int windows) {
        int n = Math.max(1, windows);
        return Math.min(n, Math.max(8, (n + 1) / 2));
    }

    /** Past values a range needs before it judges a value. */
    public static int requiredForRange(int windows) {
        int n = Math.max(1, windows);
        return Math.min(n, Math.max(8, n / 10));
    }

    /** Robust z of {@code value} against {@code past} (non-empty, no NaN). */
    public static Score robustZ(double[] past, double value) {
        // medians by selection rather than two full sorts per value: in the order Arrays.sort uses,
        // so they are the very same elements a sort would pick
        double[] values = past.clone();
        double median = selectMedian(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        double mad = selectMedian(deviations);
        if (mad > 0) {
            return new Score(median, MAD_TO_SIGMA * mad, (value - median) / (MAD_TO_SIGMA * mad));
        }
        // the rare fallback sums in ascending order of the values, the order its definition used
        Arrays.sort(values);
        double sum = 0;
        for (double v : values) {
            sum += Math.abs(v - median);
        }
        double spread = sum > 0 ? MEAN_AD_TO_SIGMA * sum / values.length : floor(median);
        return new Score(median, spread, (value - median) / spread);
    }

    /** The median of {@code a} (non-empty, no NaN) as of a sorted copy; reorders {@code a}. */
    static double selectMedian(double[] a) {
        int n = a.length;
        int k = n / 2;
        double upper = select(a, k);
        if (n % 2 == 1) {
            return upper;
        }
        // after selecting k, a[0 .. k-1] hold the k smallest: the lower middle is their largest
        double lower = a[0];
        for (int i = 1; i < k; i++) {
            if (Double.compare(a[i], lower) > 0) {
                lower = a[i];
            }
        }
        return (lower + upper) / 2;
    }

    /**
     * The element a sort ({@link Double#compare} order) would put at {@code k}, moving it there with
     * the smaller ones before it and the larger after (Hoare's quickselect, median-of-three pivot).
     */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k]; // between j and i every element equals the pivot
            }
        }
        return a[k];
    }

    private static double medianOfThree(double x, double y, double z) {
        if (Double.compare(x, y) > 0) {
            double t = x;
            x = y;
            y = t;
        }
        if (Double.compare(y, z) > 0) {
            y = z;
        }
        return Double.compare(x, y) > 0 ? x : y;
    }

    /**
     * Range statistic of {@code value} against {@code past} (oldest first, non-empty, no NaN): its
     * distance from the median of the newer half of the past, in units of the largest distance of
     * any past value from that median; the z of the returned score.
     */
    public static Score range(double[] past, double value) {
        int n = past.length;
        int half = (n + 1) / 2;
        double[] newer = Arrays.copyOfRange(past, n - half, n);
        Arrays.sort(newer);
        double center = median(newer);
        double farthest = 0;
        for (double p : past) {
            farthest = Math.max(farthest, Math.abs(p - center));
        }
        double spread = farthest > 0 ? farthest : floor(center);
        return new Score(center, spread, (value - center) / spread);
    }

    /** EWMA z of {@code value} against {@code past} (oldest first, non-empty, no NaN). */
    public static Score ewma(double[] past, double value, int windows) {
        double alpha = 2.0 / (Math.max(1, windows) + 1);
        double keep = 1 - alpha;
        double weight = 1;
        double weights = 0;
        double sum = 0;
        for (int i = past.length - 1; i >= 0; i--) {
            sum += weight * past[i];
            weights += weight;
            weight *= keep;
        }
        double mean = sum / weights;
        weight = 1;
        double squares = 0;
        for (int i = past.length - 1; i >= 0; i--) {
            double d = past[i] - mean;
            squares += weight * d * d;
            weight *= keep;
        }
        double sd = Math.sqrt(squares / weights);
        double spread = sd > 0 ? sd : floor(mean);
        return new Score(mean, spread, (value - mean) / spread);
    }

    private static double floor(double center) {
        return 1e-9 + 0.01 * Math.abs(center);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
