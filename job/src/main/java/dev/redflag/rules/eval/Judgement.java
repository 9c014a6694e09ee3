package dev.redflag.rules.eval;

/**
 * What a rule's condition says about one KPI value: the evaluator's whole output, so the alert
 * lifecycle, annotations and {@code redflag test} all read the same facts.
 *
 * <p>{@code judged} is false when the value cannot be judged fairly (sample below the rule's
 * minimum, baseline window missing, not enough history): such a value leaves the alert as it is.
 *
 * @param judged   whether the condition could be evaluated on this value
 * @param active   whether the condition holds (false when not judged)
 * @param value    the KPI value judged (NaN when the condition is about time, e.g. absent)
 * @param baseline what the value was compared with, in the KPI's own unit; NaN when none
 * @param change   relative change of the value against the baseline in percent
 *                 ({@code (value - baseline) / |baseline| * 100}); NaN without a baseline or when
 *                 the baseline is 0
 * @param reason   short text for debugging and test output, e.g.
 *                 {@code rise 38.7% vs same_hour_last_week 0.31 >= 20%}
 */
public record Judgement(boolean judged, boolean active, double value, double baseline, double change,
                        String reason) {

    /** The value could not be judged, for this reason. */
    public static Judgement notJudged(double value, String reason) {
        return new Judgement(false, false, value, Double.NaN, Double.NaN, reason);
    }

    /** Judged and not active, with nothing to report: e.g. for a series the caller considers gone. */
    public static Judgement inactive(String reason) {
        return new Judgement(true, false, Double.NaN, Double.NaN, Double.NaN, reason);
    }

    /** Relative change in percent, NaN when the baseline is missing or 0. */
    public static double relativeChange(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline == 0) {
            return Double.NaN;
        }
        return (value - baseline) / Math.abs(baseline) * 100;
    }
}
