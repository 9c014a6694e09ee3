package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;

import java.util.Arrays;

/**
 * The detector behind an {@code anomaly} condition: reads the trailing windows of a series (or
 * their seasonal residuals) and measures the latest value against them with the condition's
 * method ({@link AnomalyScore}). Both the rule evaluator and anything that wants the detector's
 * per-value score (the NAB benchmark) call this one class, so a score measured offline is the
 * score a rule judges live.
 *
 * <p>The score is the statistic in units of the default sensitivity's threshold, r = |statistic| /
 * reference (reference z*(5) = 3.993 for z-scores, the edge of the range for {@code range}), mapped
 * monotonically to [0, 1) as r / (1 + r): 0.5 is exactly where a rule with the default sensitivity
 * fires, and large statistics stay distinguishable (no saturation at 1). With a direction, a
 * statistic the other way scores 0. A value that cannot be judged scores 0.
 */
public final class AnomalyDetector {

    /**
     * One value as the detector sees it.
     *
     * @param judged    whether enough history was there
     * @param statistic the z-score or range statistic, signed (positive: above the center)
     * @param center    median or mean the value was compared with (of residuals, with a season)
     * @param spread    the unit of the statistic
     * @param past      past values (or residuals) used
     * @param missing   why the value was not judged; null when it was
     */
    public record Reading(boolean judged, double statistic, double center, double spread, int past,
                          String missing) {

        static Reading notJudged(String why) {
            return new Reading(false, Double.NaN, Double.NaN, Double.NaN, 0, why);
        }
    }

    private AnomalyDetector() {
    }

    /** The detector's score in [0, 1) for the latest value of a series, 0 when it cannot be judged. */
    public static double score(Condition.Anomaly a, SeriesHistory history, KpiValue latest) {
        return unit(a, read(a, history, latest.windowStart(), latest.value(),
                history.countBefore(latest.windowStart())));
    }

    /**
     * Reads {@code value} of the window starting at {@code start} against the kept windows
     * {@code 0 .. before - 1} of the history: the last {@code windows} of them with a value.
     */
    public static Reading read(Condition.Anomaly a, SeriesHistory h, long start, double value, int before) {
        if (Double.isNaN(value)) {
            return Reading.notJudged("no value");
        }
        int n = Math.max(1, a.windows());
        int from = Math.max(0, before - n);
        double[] past;
        double x;
        if (a.season() == null) {
            past = new double[before - from];
            for (int i = from; i < before; i++) {
                past[i - from] = h.value(i);
            }
            x = value;
        } else {
            long season = a.season().length().toMillis();
            x = SeasonalResiduals.of(h, before, start, value, season);
            if (Double.isNaN(x)) {
                return Reading.notJudged("anomaly: no same time " + SeasonalResiduals.NEEDED + " of the last "
                        + SeasonalResiduals.SEASONS + " " + seasonWord(a.season()) + "s");
            }
            past = SeasonalResiduals.past(h, from, before, season);
        }
        int known = 0;
        for (double p : past) {
            if (!Double.isNaN(p)) {
                past[known++] = p;
            }
        }
        int required = a.method() == Condition.AnomalyMethod.RANGE
                ? AnomalyScore.requiredForRange(n) : AnomalyScore.required(n);
        if (known < required) {
            return Reading.notJudged("anomaly: " + known + " of " + required + " past values");
        }
        if (known < past.length) {
            past = Arrays.copyOf(past, known);
        }
        AnomalyScore.Score s = switch (a.method()) {
            case ROBUST_Z -> AnomalyScore.robustZ(past, x);
            case EWMA -> AnomalyScore.ewma(past, x, n);
            case RANGE -> AnomalyScore.range(past, x);
        };
        return new Reading(true, s.z(), s.center(), s.spread(), known, null);
    }

    /** The reading as a score in [0, 1): see the class comment. */
    public static double unit(Condition.Anomaly a, Reading r) {
        if (!r.judged()) {
            return 0;
        }
        double s = r.statistic();
        double size = a.direction() == null ? Math.abs(s)
                : a.direction() == Condition.Direction.UP ? Math.max(0, s) : Math.max(0, -s);
        double ratio = size / reference(a.method());
        return Double.isInfinite(ratio) ? 1 : ratio / (1 + ratio);
    }

    /** The |statistic| at which a rule with the condition's sensitivity fires. */
    public static double limit(Condition.Anomaly a) {
        double z = AnomalyScore.threshold(a.sensitivity());
        return a.method() == Condition.AnomalyMethod.RANGE
                ? AnomalyScore.RANGE_EDGE * z / AnomalyScore.threshold(5) : z;
    }

    /** The |statistic| at which a rule with the default sensitivity fires. */
    static double reference(Condition.AnomalyMethod method) {
        return method == Condition.AnomalyMethod.RANGE ? AnomalyScore.RANGE_EDGE : AnomalyScore.threshold(5);
    }

    static String seasonWord(Condition.Season season) {
        return season == Condition.Season.DAY ? "day" : "week";
    }
}
