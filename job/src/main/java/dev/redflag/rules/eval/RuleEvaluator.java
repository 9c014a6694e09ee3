package dev.redflag.rules.eval;

import dev.redflag.yaml.Durations;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.time.Duration;
import java.util.List;

/**
 * Judges a rule on one KPI value as a pure function of the rule, the series' history and the
 * value, the way Prometheus evaluates a rule against a query function and a timestamp: the
 * evaluator never knows whether it runs in the Flink operator, in a backtest or in
 * {@code redflag test}, so all three agree by construction.
 *
 * <p>Only the history before the latest value's window start is read, whether or not the caller
 * has already added the latest value to it; a late update of an older window is judged against the
 * windows before it. Anything that prevents a fair judgement (sample below {@code min_sample},
 * baseline window missing, too little history, no value) gives a judgement with
 * {@code judged = false}, never an exception.
 *
 * <p>Decisions, per condition kind:
 * <ul>
 *   <li>min_sample: compared with the denominator of a ratio KPI, else with the sample; applies to
 *       the whole rule (all sub-conditions);</li>
 *   <li>threshold: strict ({@code >}, {@code <});</li>
 *   <li>change: percent = (v − b) / |b| × 100 ≥ percent (rise) or ≤ −percent (drop), not judged when
 *       b = 0; absolute = v − b ≥ absolute (rise) or ≤ −absolute (drop). Baselines as in
 *       {@link Baselines#windows}: a trailing mean needs half its windows (rounded up), a same
 *       weekday baseline at least one of its weeks;</li>
 *   <li>trend: least-squares slope per window over the last {@code windows} values including the
 *       latest (all needed, at least 2), rising when ≥ |slope|, falling when ≤ −|slope|; reported
 *       baseline = the first value of the fit;</li>
 *   <li>stall: each of the last {@code windows} windows including the latest is stalled: for a
 *       ratio KPI numerator 0 with denominator ≥ min_denominator, else value 0. Windows a series
 *       did not report are skipped, not counted as stalled;</li>
 *   <li>absent: judged by time in {@link #absent}; a value arriving is judged not absent;</li>
 *   <li>anomaly: see {@link AnomalyDetector} and {@link AnomalyScore}; {@code direction} null = both
 *       ways;</li>
 *   <li>significance: one-sided two-proportion z-test ({@link TwoProportionTest}) of the window
 *       against the pooled baseline windows, active when z ≥ Φ⁻¹(confidence) (rise) or
 *       z ≤ −Φ⁻¹(confidence) (drop); reported baseline = the baseline windows' values weighted by
 *       their denominators (the pooled ratio in the KPI's own scale);</li>
 *   <li>shift: see {@link ShiftDetector}; {@code min_sample} applies to the pooled sample it judges;</li>
 *   <li>all: judged when every condition is, active when all are; any: judged when one is,
 *       active when a judged one is; value, baseline and change come from the first condition
 *       that has them.</li>
 * </ul>
 * Comparisons at a ≥ threshold tolerate floating-point rounding (1e-9, relative to thresholds
 * above 1), so a rise from 0.5 to 0.6 is a rise of 20%.
 */
public final class RuleEvaluator {

    /** Without a random generator: only its quantile is used, which keeps no state. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private static final double TOLERANCE = 1e-9;

    private RuleEvaluator() {
    }

    /** The rule's condition on the latest value of a series. */
    public static Judgement judge(Rule rule, SeriesHistory history, KpiValue latest) {
        return judge(rule.condition(), rule.minSample(), history, latest);
    }

    /**
     * The rule's condition on the latest value of a series whose alert held until {@code evidenceFrom} and
     * then resolved: a shift pools no stretch reaching back before it ({@link ShiftDetector}).
     * {@link Long#MIN_VALUE} when no alert of the rule resolved on the series.
     */
    public static Judgement judge(Rule rule, SeriesHistory history, KpiValue latest, long evidenceFrom) {
        return judge(rule.condition(), rule.minSample(), history, latest, evidenceFrom);
    }

    /** The rule's recovery condition on the latest value; null when the rule has none. */
    public static Judgement judgeRecovery(Rule rule, SeriesHistory history, KpiValue latest) {
        return rule.recovery() == null ? null : judge(rule.recovery(), rule.minSample(), history, latest);
    }

    /** Any condition on the latest value of a series, with a minimum sample. */
    public static Judgement judge(Condition condition, long minSample, SeriesHistory history, KpiValue latest) {
        return judge(condition, minSample, history, latest, Long.MIN_VALUE);
    }

    private static Judgement judge(Condition condition, long minSample, SeriesHistory history, KpiValue latest,
                                   long evidenceFrom) {
        if (condition instanceof Condition.Shift shift) {
            // min_sample guards the pooled sample a shift judges, not the latest window alone
            return ShiftDetector.judge(shift, minSample, history, latest, history.countBefore(latest.windowStart()),
                    evidenceFrom);
        }
        double sample = latest.isRatio() ? latest.denominator() : latest.sample();
        if (!(sample >= minSample)) {
            boolean ratio = latest.isRatio();
            return Judgement.notJudged(latest.value(), () -> (ratio ? "denominator " : "sample ")
                    + Show.num(sample) + " < min_sample " + minSample);
        }
        return condition(condition, history, latest, history.countBefore(latest.windowStart()), evidenceFrom);
    }

    /**
     * An {@code absent} rule at time {@code now} for a series (or KPI) whose last value had
     * window end {@code lastSeenWindowEnd}: active when now − lastSeen ≥ duration. Not judged for
     * rules of another kind. Which "last seen" (series or whole KPI) is the caller's choice.
     */
    public static Judgement absent(Rule rule, long lastSeenWindowEnd, long now) {
        if (!(rule.condition() instanceof Condition.Absent a)) {
            return Judgement.notJudged(Double.NaN, "not an absent rule");
        }
        long duration = a.duration().toMillis();
        boolean active = lastSeenWindowEnd <= now - duration;
        String quiet = lastSeenWindowEnd == Long.MIN_VALUE ? "ever"
                : Durations.format(Duration.ofMillis(Math.max(0, now - lastSeenWindowEnd)));
        return new Judgement(true, active, Double.NaN, Double.NaN, Double.NaN,
                "no value for " + quiet + (active ? " >= " : " < ") + Durations.format(a.duration()));
    }

    private static Judgement condition(Condition c, SeriesHistory h, KpiValue v, int before, long evidenceFrom) {
        if (c instanceof Condition.Threshold t) {
            return threshold(t, v.value());
        }
        if (c instanceof Condition.Change ch) {
            return change(ch, h, v, before);
        }
        if (c instanceof Condition.Trend t) {
            return trend(t, h, v.value(), before);
        }
        if (c instanceof Condition.Stall s) {
            return stall(s, h, v, before);
        }
        if (c instanceof Condition.Absent) {
            return new Judgement(true, false, v.value(), Double.NaN, Double.NaN, "a value arrived");
        }
        if (c instanceof Condition.Anomaly a) {
            return anomaly(a, h, v, before);
        }
        if (c instanceof Condition.Significance s) {
            return significance(s, h, v, before);
        }
        if (c instanceof Condition.Shift s) {
            return ShiftDetector.judge(s, 0, h, v, before, evidenceFrom);
        }
        if (c instanceof Condition.All all) {
            return combine(all.conditions(), true, h, v, before, evidenceFrom);
        }
        if (c instanceof Condition.Any any) {
            return combine(any.conditions(), false, h, v, before, evidenceFrom);
        }
        return Judgement.notJudged(v.value(), "unknown condition " + c);
    }

    private static Judgement threshold(Condition.Threshold t, double x) {
        if (Double.isNaN(x)) {
            return Judgement.notJudged(x, "no value");
        }
        boolean up = t.direction() == Condition.Direction.UP;
        boolean active = up ? x > t.value() : x < t.value();
        String op = up ? (active ? " > " : " <= ") : (active ? " < " : " >= ");
        return new Judgement(true, active, x, Double.NaN, Double.NaN,
                () -> "value " + Show.num(x) + op + Show.num(t.value()));
    }

    private static Judgement change(Condition.Change c, SeriesHistory h, KpiValue v, int before) {
        double x = v.value();
        if (Double.isNaN(x)) {
            return Judgement.notJudged(x, "no value");
        }
        String name = Baselines.name(c.baseline());
        double b = Baselines.mean(c.baseline(), h, before, v.windowStart());
        if (Double.isNaN(b)) {
            return Judgement.notJudged(x, () -> "no " + name + " baseline");
        }
        double change = Judgement.relativeChange(x, b);
        boolean rise = c.direction() == Condition.Direction.UP;
        String word = rise ? "rise " : "drop ";
        if (!Double.isNaN(c.percent())) {
            if (b == 0) {
                return new Judgement(false, false, x, b, Double.NaN, name + " baseline is 0: no percent change");
            }
            double amount = rise ? change : -change;
            boolean active = atLeast(amount, c.percent());
            return new Judgement(true, active, x, b, change, () -> word + Show.pct(amount) + "% vs " + name + " "
                    + Show.num(b) + (active ? " >= " : " < ") + Show.pct(c.percent()) + "%");
        }
        if (!Double.isNaN(c.absolute())) {
            double amount = rise ? x - b : b - x;
            boolean active = atLeast(amount, c.absolute());
            return new Judgement(true, active, x, b, change, () -> word + Show.num(amount) + " vs " + name + " "
                    + Show.num(b) + (active ? " >= " : " < ") + Show.num(c.absolute()));
        }
        return Judgement.notJudged(x, "change without percent or absolute");
    }

    private static Judgement trend(Condition.Trend t, SeriesHistory h, double x, int before) {
        int n = t.windows();
        if (n < 2) {
            return Judgement.notJudged(x, "trend needs at least 2 windows");
        }
        if (before < n - 1) {
            return Judgement.notJudged(x, () -> "trend: " + (before + 1) + " of " + n + " windows");
        }
        double[] y = new double[n];
        for (int i = 0; i < n - 1; i++) {
            y[i] = h.value(before - (n - 1) + i);
        }
        y[n - 1] = x;
        for (double yi : y) {
            if (Double.isNaN(yi)) {
                return Judgement.notJudged(x, "trend: a window without value");
            }
        }
        double slope = slope(y);
        double threshold = Math.abs(t.slope());
        boolean up = t.direction() == Condition.Direction.UP;
        boolean active = up ? atLeast(slope, threshold) : atLeast(-slope, threshold);
        String op = up ? (active ? " >= " : " < ") : (active ? " <= " : " > ");
        return new Judgement(true, active, x, y[0], Judgement.relativeChange(x, y[0]), () -> "slope "
                + Show.signed(slope) + " per window over " + n + " windows" + op + Show.num(up ? threshold : -threshold));
    }

    /** Least-squares slope of y against x = 0, 1, .., n-1. */
    static double slope(double[] y) {
        int n = y.length;
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            sxy += dx * (y[i] - meanY);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static Judgement stall(Condition.Stall s, SeriesHistory h, KpiValue v, int before) {
        int n = Math.max(1, s.windows());
        double x = v.value();
        if (before < n - 1) {
            return Judgement.notJudged(x, () -> "stall: " + (before + 1) + " of " + n + " windows");
        }
        boolean ratio = v.isRatio();
        int stalled = stalled(ratio, v.numerator(), v.denominator(), x, s.minDenominator()) ? 1 : 0;
        double denominators = ratio ? v.denominator() : 0;
        for (int i = before - (n - 1); i < before; i++) {
            if (stalled(ratio, h.numerator(i), h.denominator(i), h.value(i), s.minDenominator())) {
                stalled++;
            }
            denominators += ratio && !Double.isNaN(h.denominator(i)) ? h.denominator(i) : 0;
        }
        boolean active = stalled == n;
        int count = stalled;
        double total = denominators;
        return new Judgement(true, active, x, Double.NaN, Double.NaN, () -> ratio
                ? "numerator 0 with denominator >= " + Show.num(s.minDenominator()) + " in " + count + " of " + n
                + " windows (denominator total " + Show.num(total) + ")"
                : "value 0 in " + count + " of " + n + " windows");
    }

    private static boolean stalled(boolean ratio, double numerator, double denominator, double value,
                                   double minDenominator) {
        return ratio ? numerator == 0 && denominator >= minDenominator : value == 0;
    }

    private static Judgement anomaly(Condition.Anomaly a, SeriesHistory h, KpiValue v, int before) {
        double x = v.value();
        AnomalyDetector.Reading r = AnomalyDetector.read(a, h, v.windowStart(), x, before);
        if (!r.judged()) {
            return Judgement.notJudged(x, r.missing());
        }
        double limit = AnomalyDetector.limit(a);
        double z = r.statistic();
        boolean active = a.direction() == null ? Math.abs(z) >= limit
                : a.direction() == Condition.Direction.UP ? z >= limit : z <= -limit;
        // with a season the center is a residual: the value's baseline is not known in the KPI's unit
        double baseline = a.season() == null ? r.center() : Double.NaN;
        return new Judgement(true, active, x, baseline, Judgement.relativeChange(x, baseline),
                () -> anomalyReason(a, r, limit, active));
    }

    private static String anomalyReason(Condition.Anomaly a, AnomalyDetector.Reading r, double limit, boolean active) {
        double z = r.statistic();
        String symbol = a.method() == Condition.AnomalyMethod.RANGE ? "d" : "z";
        String test;
        if (a.direction() == null) {
            test = "|" + symbol + "| " + Show.num(Math.abs(z)) + (active ? " >= " : " < ") + Show.num(limit);
        } else if (a.direction() == Condition.Direction.UP) {
            test = symbol + " " + Show.signed(z) + (active ? " >= " : " < ") + Show.num(limit);
        } else {
            test = symbol + " " + Show.signed(z) + (active ? " <= " : " > ") + Show.num(-limit);
        }
        String method = switch (a.method()) {
            case ROBUST_Z -> "robust_z ";
            case EWMA -> "ewma ";
            case RANGE -> "range ";
        };
        String center = a.method() == Condition.AnomalyMethod.EWMA ? "mean " : "median ";
        String season = a.season() == null ? ""
                : ", residuals from the same time of " + AnomalyDetector.seasonWord(a.season());
        return method + test + " (" + center + Show.num(r.center()) + ", spread " + Show.num(r.spread())
                + ", " + r.past() + " windows" + season + ")";
    }

    private static Judgement significance(Condition.Significance s, SeriesHistory h, KpiValue v, int before) {
        double x = v.value();
        if (!v.isRatio()) {
            return Judgement.notJudged(x, "significance needs a ratio KPI");
        }
        double x1 = v.numerator();
        double n1 = v.denominator();
        if (!(n1 > 0)) {
            return Judgement.notJudged(x, "denominator 0");
        }
        String name = Baselines.name(s.baseline());
        int[] windows = Baselines.windows(s.baseline(), h, before, v.windowStart());
        double x0 = 0;
        double n0 = 0;
        double weighted = 0;
        int usable = 0;
        for (int i : windows) {
            double d = h.denominator(i);
            if (d > 0 && !Double.isNaN(h.numerator(i))) {
                x0 += h.numerator(i);
                n0 += d;
                weighted += h.value(i) * d;
                usable++;
            }
        }
        if (usable < Baselines.required(s.baseline()) || !(n0 > 0)) {
            return Judgement.notJudged(x, () -> "no " + name + " baseline");
        }
        double confidence = s.confidence();
        if (!(confidence > 0 && confidence < 1)) {
            return Judgement.notJudged(x, "confidence " + Show.num(confidence) + " is not between 0 and 1");
        }
        double z = TwoProportionTest.z(x1, n1, x0, n0);
        double b = weighted / n0;
        if (Double.isNaN(z)) {
            return new Judgement(false, false, x, b, Judgement.relativeChange(x, b),
                    "significance: numerators are not within 0..denominator");
        }
        double q = zThreshold(confidence);
        boolean up = s.direction() == Condition.Direction.UP;
        boolean active = up ? z >= q : z <= -q;
        String op = up ? (active ? " >= " : " < ") : (active ? " <= " : " > ");
        double past = x0;
        double pastDenominator = n0;
        return new Judgement(true, active, x, b, Judgement.relativeChange(x, b), () -> (up ? "rise" : "drop") + " z "
                + Show.signed(z) + op + Show.num(up ? q : -q) + " at " + Show.num(confidence) + " ("
                + Show.num(x1) + "/" + Show.num(n1) + " vs " + Show.num(past) + "/" + Show.num(pastDenominator) + " "
                + name + ")");
    }

    /**
     * The z a significance condition must reach at {@code confidence} (0.95 → 1.6449): the standard
     * normal quantile. Commons Math's costs some 35 ns more than a rational approximation, once per
     * significance rule and window, not per event.
     */
    static double zThreshold(double confidence) {
        return STANDARD_NORMAL.inverseCumulativeProbability(confidence);
    }

    private static Judgement combine(List<Condition> conditions, boolean all, SeriesHistory h, KpiValue v, int before,
                                     long evidenceFrom) {
        String word = all ? "all" : "any";
        if (conditions.isEmpty()) {
            return Judgement.notJudged(v.value(), word + " of no conditions");
        }
        boolean judged = all;
        boolean active = all;
        double value = Double.NaN;
        double baseline = Double.NaN;
        double change = Double.NaN;
        Judgement[] parts = new Judgement[conditions.size()];
        for (int i = 0; i < conditions.size(); i++) {
            Judgement j = condition(conditions.get(i), h, v, before, evidenceFrom);
            parts[i] = j;
            if (all) {
                judged &= j.judged();
                active &= j.judged() && j.active();
            } else {
                judged |= j.judged();
                active |= j.judged() && j.active();
            }
            if (Double.isNaN(value)) {
                value = j.value();
            }
            if (Double.isNaN(baseline) && !Double.isNaN(j.baseline())) {
                baseline = j.baseline();
                change = j.change();
            }
        }
        if (Double.isNaN(value)) {
            value = v.value();
        }
        return new Judgement(judged, judged && active, value, baseline, change, () -> combinedReason(word, parts));
    }

    private static String combinedReason(String word, Judgement[] parts) {
        StringBuilder reason = new StringBuilder(word).append('(');
        for (int i = 0; i < parts.length; i++) {
            reason.append(i == 0 ? "" : "; ").append(parts[i].reason());
        }
        return reason.append(')').toString();
    }

    /** x ≥ threshold, forgiving floating-point rounding. */
    private static boolean atLeast(double x, double threshold) {
        return x >= threshold - TOLERANCE * Math.max(1, Math.abs(threshold));
    }
}
