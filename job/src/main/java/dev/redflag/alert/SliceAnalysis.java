package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.eval.Explanation;
import dev.redflag.rules.eval.Judgement;
import dev.redflag.rules.eval.SliceBaseline;
import dev.redflag.rules.eval.SliceChange;
import dev.redflag.rules.eval.SliceExplainer;
import dev.redflag.rules.eval.SliceJudge;
import dev.redflag.rules.eval.SliceKind;
import dev.redflag.rules.eval.SliceShift;
import dev.redflag.rules.eval.SliceVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What the slices of one value of a sliced KPI add to its judgement: a shift rule with
 * {@code slices:} whose series holds still is judged on its slices too, and the one that moved
 * fires the alert on the series with the slice named; every firing of the series is explained by
 * its slices ({@link SliceExplainer}). One per value; {@link #close} then adds the value's slices to
 * the series' baseline, after every rule has judged it against the baseline without it.
 */
final class SliceAnalysis {

    /** A judgement and, when a slice rather than the series made it, that slice. */
    record Judged(Judgement judgement, String slice) {
    }

    private final SliceBaseline baseline;
    private final KpiValue value;
    private final double scale;
    private SliceKind kind;
    /** The series' seasonal expectation for the window in raw units, from the first shift rule that knew it. */
    private double parentExpected = Double.NaN;
    /** A rule held on this value, or a shift's calendar excludes its window: the baseline leaves it out. */
    private boolean keepOut;
    /** A shift held on the series itself: its slices are no evidence of a slice's own change either. */
    private boolean seriesHeld;

    SliceAnalysis(SliceBaseline baseline, KpiValue value) {
        this.baseline = baseline;
        this.value = value;
        this.scale = scale(value);
        this.kind = SliceKind.of(value.isRatio(), false);
    }

    /** value / (a / b) as the detector reads it: 100 for NPS, 1 for rates and totals. */
    private static double scale(KpiValue v) {
        double raw = v.isRatio() ? v.numerator() / v.denominator() : v.numerator();
        double s = v.value() / raw;
        return Double.isFinite(s) && s != 0 ? Math.abs(s) : 1;
    }

    /**
     * The rule's judgement, or for a shift with slices whose series holds still, a slice that moved; no
     * pooled stretch of a slice reaches back before {@code spentUntil} ({@link AlertState#spentUntil}).
     */
    Judged judge(Condition condition, Judgement series, long spentUntil) {
        if (!(condition instanceof Condition.Shift shift)) {
            return new Judged(series, null);
        }
        kind = SliceKind.of(value.isRatio(), shift.signed());
        keepOut |= shift.excluded().overlaps(value.windowStart(), value.windowEnd());
        // the series' expectation for this window: judged on the rule's window, or with window: auto on
        // its finest resolution, which is the window itself
        boolean ownWindow = series.judgedWindow() == null || series.judgedWindow().equals(value.window());
        double expected = series.judged() && ownWindow ? series.baseline() / scale : Double.NaN;
        if (Double.isNaN(parentExpected)) {
            parentExpected = expected;
        }
        if (series.active() || shift.slices().isEmpty()) {
            keepOut |= series.active();
            seriesHeld |= series.active();
            return new Judged(series, null);
        }
        SliceVerdict verdict = SliceJudge.judge(shift, kind, scale, baseline, value.windowEnd(), value.slices(),
                expected, spentUntil);
        keepOut |= verdict.top().isPresent();
        return verdict.top().map(top -> new Judged(onSlice(top, verdict), top.slice()))
                .orElseGet(() -> new Judged(series, null));
    }

    private static Judgement onSlice(SliceShift top, SliceVerdict verdict) {
        String over = top.span() > 0
                ? " over the last " + dev.redflag.yaml.Durations.format(java.time.Duration.ofMillis(top.span())) : "";
        return new Judgement(true, true, top.value(), top.baseline(), top.change(),
                "slice " + top.slice() + over + " z " + String.format(java.util.Locale.ROOT, "%.2f", top.z())
                        + " >= " + String.format(java.util.Locale.ROOT, "%.2f", verdict.threshold())
                        + " over " + verdict.tested() + " slices, " + verdict.tests() + " stretches");
    }

    /**
     * What explains the change of the series in this window, one line per named slice, values other
     * than a ratio's percentages shown by {@code shown} (the KPI's format: NPS {@code +27}); empty when
     * nothing does. The slice that fired the alert ({@code fired}, null when the series did) comes
     * first, named even when the explainer ranks another above it.
     */
    List<String> why(String units, DoubleFunction<String> shown, String fired) {
        if (!baseline.ready()) {
            return List.of();
        }
        Explanation e = SliceExplainer.explain(kind, baseline, value.slices(), parentExpected);
        if (fired != null && e.named().stream().noneMatch(c -> c.slice().equals(fired))) {
            List<SliceChange> named = new ArrayList<>();
            e.ranked().stream().filter(c -> c.slice().equals(fired)).findFirst().ifPresent(named::add);
            named.addAll(e.named());
            e = new Explanation(Explanation.Verdict.SLICES, e.ratio(), e.baselineValue(), e.currentValue(), named,
                    e.ranked());
        }
        return e.lines(units, scale, shown);
    }

    /**
     * Adds the value's slices to the baseline, once every rule has judged it; not while a shift
     * holds on it (series or slice) nor in a window the calendar excludes, so that an incident does
     * not become its own baseline. Its slices join the pooled stretches when a slice held (an incident is
     * evidence for the windows after it), not when the series itself did (the pools start afresh).
     */
    void close() {
        if (seriesHeld) {
            baseline.skip(value.windowStart(), value.windowEnd());
        } else if (keepOut) {
            baseline.pool(value.windowStart(), value.windowEnd(), value.slices(), kind, parentExpected);
        } else {
            baseline.update(value.windowStart(), value.windowEnd(), value.slices(), kind, parentExpected);
        }
    }
}
