package dev.redflag.rules.eval;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a rule's condition says about one KPI value: the evaluator's whole output, so the alert
 * lifecycle, annotations and {@code redflag test} all read the same facts.
 *
 * <p>{@code judged} is false when the value cannot be judged fairly (sample below the rule's
 * minimum, baseline window missing, not enough history): such a value leaves the alert as it is.
 *
 * <p>A value class rather than a record only so that the reason can be rendered on demand: the
 * live job judges every rule on every value and never reads a reason, while rendering one
 * (numbers to four significant digits) costs more than judging a threshold. Equality, hash and
 * text are those the record had, over the rendered reason.
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
public final class Judgement {

    private final boolean judged;
    private final boolean active;
    private final double value;
    private final double baseline;
    private final double change;
    /** The resolution that judged the value ({@code 1d}), or null when the rule's window did. */
    private final String judgedWindow;
    /** The reason, or null while it is still to be rendered by {@link #render}. */
    private final String reason;
    private final Supplier<String> render;

    public Judgement(boolean judged, boolean active, double value, double baseline, double change,
                     String reason) {
        this(judged, active, value, baseline, change, null, reason, null);
    }

    /** A judgement whose reason is rendered only if someone reads it. */
    Judgement(boolean judged, boolean active, double value, double baseline, double change,
              Supplier<String> reason) {
        this(judged, active, value, baseline, change, null, null, Objects.requireNonNull(reason, "reason"));
    }

    /** A judgement made on a pooled resolution of the series, {@code judgedWindow} long. */
    Judgement(boolean judged, boolean active, double value, double baseline, double change, String judgedWindow,
              Supplier<String> reason) {
        this(judged, active, value, baseline, change, judgedWindow, null, Objects.requireNonNull(reason, "reason"));
    }

    private Judgement(boolean judged, boolean active, double value, double baseline, double change,
                      String judgedWindow, String reason, Supplier<String> render) {
        this.judged = judged;
        this.active = active;
        this.value = value;
        this.baseline = baseline;
        this.change = change;
        this.judgedWindow = judgedWindow;
        this.reason = reason;
        this.render = render;
    }

    /** The value could not be judged, for this reason. */
    public static Judgement notJudged(double value, String reason) {
        return new Judgement(false, false, value, Double.NaN, Double.NaN, reason);
    }

    /** The value could not be judged, for a reason rendered on demand. */
    static Judgement notJudged(double value, Supplier<String> reason) {
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

    public boolean judged() {
        return judged;
    }

    public boolean active() {
        return active;
    }

    public double value() {
        return value;
    }

    public double baseline() {
        return baseline;
    }

    public double change() {
        return change;
    }

    /** The pooled resolution that judged the value, e.g. {@code 1d}; null when the rule's own window did. */
    public String judgedWindow() {
        return judgedWindow;
    }

    /** Rendered at each call when it was deferred; readers (tests, {@code redflag test}) read it once. */
    public String reason() {
        return reason != null ? reason : render.get();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Judgement j && j.judged == judged && j.active == active
                && Double.compare(j.value, value) == 0 && Double.compare(j.baseline, baseline) == 0
                && Double.compare(j.change, change) == 0 && Objects.equals(j.judgedWindow, judgedWindow)
                && Objects.equals(j.reason(), reason());
    }

    @Override
    public int hashCode() {
        return Objects.hash(judged, active, value, baseline, change, judgedWindow, reason());
    }

    @Override
    public String toString() {
        return "Judgement[judged=" + judged + ", active=" + active + ", value=" + value + ", baseline=" + baseline
                + ", change=" + change + (judgedWindow == null ? "" : ", judgedWindow=" + judgedWindow)
                + ", reason=" + reason() + "]";
    }
}
