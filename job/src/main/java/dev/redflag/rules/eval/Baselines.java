package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;

import java.time.Duration;
import java.util.Arrays;

/**
 * Which past windows of a series a {@link Condition.Baseline} means for a value, so that change
 * and significance read the same windows. Windows are found in the history, never assumed: a
 * seasonal baseline is the window starting exactly 7 days (k × 7 days) earlier, and a missing
 * one means no baseline, not an error.
 */
final class Baselines {

    static final long WEEK = Duration.ofDays(7).toMillis();
    private static final int[] NONE = {};

    private Baselines() {
    }

    /**
     * Indexes into {@code history} of the baseline windows for a value starting at {@code start};
     * {@code before} is {@code history.countBefore(start)}. Empty when there is none.
     *
     * <ul>
     *   <li>previous window: the window kept immediately before (whatever its start: a series that
     *       skips windows compares with the last one it reported);</li>
     *   <li>trailing mean of N: the N windows kept immediately before;</li>
     *   <li>same hour last week: the window starting exactly at start − 7 days;</li>
     *   <li>same weekday over W weeks: those present of the windows starting at start − k × 7 days,
     *       k = 1..W.</li>
     * </ul>
     */
    static int[] windows(Condition.Baseline baseline, SeriesHistory history, int before, long start) {
        return switch (baseline.kind()) {
            case PREVIOUS_WINDOW -> before >= 1 ? new int[]{before - 1} : NONE;
            case TRAILING_MEAN -> trailing(before, Math.max(1, baseline.windows()));
            case SAME_HOUR_LAST_WEEK -> weeksBack(history, start, 1);
            case SAME_WEEKDAY -> weeksBack(history, start, Math.max(1, baseline.windows()));
        };
    }

    private static int[] trailing(int before, int windows) {
        int from = Math.max(0, before - windows);
        int[] idx = new int[before - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    /** Those present of the windows starting exactly k weeks before {@code start}, k = 1..weeks. */
    private static int[] weeksBack(SeriesHistory history, long start, int weeks) {
        int[] found = new int[weeks];
        int n = 0;
        for (int k = 1; k <= weeks; k++) {
            int i = history.indexOf(start - k * WEEK);
            if (i >= 0) {
                found[n++] = i;
            }
        }
        return n == weeks ? found : Arrays.copyOf(found, n);
    }

    /**
     * How many usable baseline windows a judgement needs: half of a trailing mean's windows,
     * rounded up (a young or patchy series gets a baseline once it has half of them); one otherwise.
     */
    static int required(Condition.Baseline baseline) {
        return baseline.kind() == Condition.Baseline.Kind.TRAILING_MEAN
                ? (Math.max(1, baseline.windows()) + 1) / 2 : 1;
    }

    /**
     * The mean of the baseline windows' values for a value starting at {@code start}, NaN when
     * fewer than {@link #required} of them have a value. It visits the windows {@link #windows}
     * lists, in the same order (so the sum is the same), without an index array per judgement.
     */
    static double mean(Condition.Baseline baseline, SeriesHistory history, int before, long start) {
        int required = required(baseline);
        return switch (baseline.kind()) {
            case PREVIOUS_WINDOW -> trailingMean(history, before, 1, required);
            case TRAILING_MEAN -> trailingMean(history, before, Math.max(1, baseline.windows()), required);
            case SAME_HOUR_LAST_WEEK -> weeksBackMean(history, start, 1, required);
            case SAME_WEEKDAY -> weeksBackMean(history, start, Math.max(1, baseline.windows()), required);
        };
    }

    private static double trailingMean(SeriesHistory history, int before, int windows, int required) {
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, before - windows); i < before; i++) {
            double v = history.value(i);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n >= Math.max(1, required) ? sum / n : Double.NaN;
    }

    private static double weeksBackMean(SeriesHistory history, long start, int weeks, int required) {
        double sum = 0;
        int n = 0;
        for (int k = 1; k <= weeks; k++) {
            int i = history.indexOf(start - k * WEEK);
            if (i >= 0) {
                double v = history.value(i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n >= Math.max(1, required) ? sum / n : Double.NaN;
    }

    /** The name used in rule files: {@code same_hour_last_week}. */
    static String name(Condition.Baseline baseline) {
        return switch (baseline.kind()) {
            case PREVIOUS_WINDOW -> "previous_window";
            case TRAILING_MEAN -> "trailing_mean";
            case SAME_HOUR_LAST_WEEK -> "same_hour_last_week";
            case SAME_WEEKDAY -> "same_weekday";
        };
    }
}
