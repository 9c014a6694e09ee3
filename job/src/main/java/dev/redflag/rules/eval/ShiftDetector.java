package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.yaml.Durations;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

import java.time.Duration;
import java.util.Locale;

/**
 * Judges a {@link Condition.Shift}: has the series moved away from its own seasonal baseline, by at
 * least the rule's minimum change, with evidence that its usual variation cannot explain?
 *
 * <p>The latest windows are pooled over each resolution (the last 1h, 3h, 6h, 12h, 1d, 3d and 7d of
 * windows with {@code window: auto}; the latest window alone otherwise). For each, with the
 * baseline learned from the {@link #BASELINE} before the pooled stretch ({@link SeasonalBaseline}),
 * it compares what was observed, O (numerator or total), with what was expected, E = Σ b·p̂, under
 * a variance V = φ·Σ sampling variance + τ²·Σ(per-day denominator)² + the baseline's own error.
 * Counted outcomes (numerators never negative) are judged by the tail of a Poisson distribution
 * with the same mean and variance (O/d against mean E/d, d = V/E), so one order in a quiet hour is
 * not six standard errors; other KPIs (NPS) by the normal approximation. The tail probability is
 * turned into a z-score and held against {@link #threshold}.
 *
 * <p>A resolution is active when its z reaches the threshold and its change reaches the rule's
 * minimum (relative to E, or absolute in the KPI's unit), and the newest third of it still shows
 * the change. Resolutions are tried finest first, and none coarser than the first whose minimum
 * detectable change (threshold × standard error) is within the rule's minimum: a busy series is
 * judged hourly, a quiet one over days. The judgement reports the finest active resolution. A
 * {@code stall} asks for a numerator of exactly 0 over the stretch since it was last above 0 (at
 * most 7 days), where the tail is P(no event) = exp(−E/d).
 */
final class ShiftDetector {

    static final Duration BASELINE = Duration.ofDays(28);
    static final Duration LONGEST = Duration.ofDays(7);
    /**
     * The least history a baseline is learned from: a day, so that the daily cycle of a series is
     * seen once before a change can be told from it. Until then the series is warming up, and says so.
     */
    static final Duration MINIMUM_BASELINE = Duration.ofDays(1);
    /** The stretches a {@code window: auto} shift pools, finest first; its slices are pooled over the same. */
    static final Duration[] RESOLUTIONS = {Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3), LONGEST};

    /** z at sensitivity 5; each step of sensitivity moves it by {@link #Z_PER_STEP}. */
    static final double Z_DEFAULT = 3.85;
    static final double Z_PER_STEP = 0.25;
    /** Added while the baseline has not yet seen {@link SeasonalBaseline#SETTLED_DAYS} days. */
    static final double Z_WARM_UP = 0.5;
    private static final double MAX_Z = 37;
    static final double RECENT_SHARE = 2.0 / 3;
    /** The z the newest third of a stretch must reach by itself (one-sided P of 16% under no change). */
    static final double RECENT_Z = 1;
    /**
     * Units a KPI judged by the normal approximation (NPS) needs in a pooled stretch: three
     * detractors out of three answers are far less surprising than a z-score of them says.
     */
    static final double NORMAL_MINIMUM = 30;
    private static final double TOLERANCE = 1e-9;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private ShiftDetector() {
    }

    /** How many windows before the latest one a shift reads, at {@code stepMillis} per window. */
    static int lookback(Condition.Shift s, long stepMillis) {
        long span = BASELINE.toMillis() + (s.scan() ? LONGEST.toMillis() : 0);
        return (int) Math.min(Integer.MAX_VALUE - 1, (span + stepMillis - 1) / stepMillis);
    }

    /**
     * The minimum change a stretch's evidence must show by the rule: its change reaches {@code share} of
     * the rule's {@code percent} (of {@code expected}) or {@code absolute} (per unit, times {@code scale}).
     */
    static boolean largeEnough(Condition.Shift s, double scale, double observed, double expected, double units,
                               double share) {
        boolean up = s.direction() == Condition.Direction.UP;
        if (!Double.isNaN(s.percent())) {
            if (!(expected > 0)) {
                return up && observed > 0 && expected == 0;
            }
            double relative = (observed - expected) / expected * 100;
            return (up ? relative : -relative) >= share * s.percent() * (1 - TOLERANCE);
        }
        double difference = (observed - expected) / units * scale;
        return (up ? difference : -difference) >= share * s.absolute() * (1 - TOLERANCE);
    }

    /** The z a shift must reach at a sensitivity, with the warm-up margin when the baseline is young. */
    static double threshold(double sensitivity, boolean settled) {
        return Z_DEFAULT - Z_PER_STEP * (sensitivity - 5) + (settled ? 0 : Z_WARM_UP);
    }

    /** One resolution's verdict. */
    private record Pooled(long span, double observed, double expected, double variance, double z,
                          double units, boolean active, SeasonalBaseline baseline, double threshold) {
    }

    static Judgement judge(Condition.Shift s, long minSample, SeriesHistory h, KpiValue v, int before) {
        return judge(s, minSample, h, v, before, Long.MIN_VALUE);
    }

    /**
     * As {@link #judge(Condition.Shift, long, SeriesHistory, KpiValue, int)}, with the windows before
     * {@code evidenceFrom} already spent: an alert of the rule held on them and then resolved (the end
     * of the last window it held on; {@link Long#MIN_VALUE} for none). A pooled stretch that reaches
     * back before it is not tried, so a resolved episode cannot fire anew on a longer stretch that
     * still holds its hours; the windows after it must show the change by themselves, on a stretch
     * that fits in them. The latest window is always judged, and a stall's stretch (since the
     * numerator was last above 0) is its own.
     */
    static Judgement judge(Condition.Shift s, long minSample, SeriesHistory h, KpiValue v, int before,
                           long evidenceFrom) {
        long step = v.windowEnd() - v.windowStart();
        if (step <= 0) {
            return Judgement.notJudged(v.value(), "window without length");
        }
        SeriesWindows w = SeriesWindows.of(h, before, v, lookback(s, step), s.signed());
        boolean counted = w.counted;
        Pooled best = null;
        Pooled finest = null;
        Pooled finestJudged = null;
        // why nothing was judged yet, as numbers: the reason is text only when someone reads it
        long waitingSpan = 0;
        long waitingHistory = -1;
        if (s.stall() && w.a[w.n - 1] != 0) {
            // the numerator came back: no stall, whatever came before
            return new Judgement(true, false, v.value(), Double.NaN, Double.NaN, null,
                    () -> "numerator " + Show.num(w.a[w.n - 1]) + " in the latest window: no stall");
        }
        long spentUntil = Long.MIN_VALUE;
        for (long windows : stretches(s, w, v, step)) {
            long suffixStart = v.windowStart() - (windows - 1) * step;
            if (windows > 1 && !s.stall() && suffixStart < evidenceFrom) {
                // this and every coarser stretch hold windows a resolved alert was already raised on
                spentUntil = evidenceFrom;
                break;
            }
            int first = w.firstAtOrAfter(suffixStart);
            int baselineFrom = w.firstAtOrAfter(suffixStart - BASELINE.toMillis());
            long history = first > baselineFrom ? w.start[first - 1] + step - w.start[baselineFrom] : 0;
            if (history < MINIMUM_BASELINE.toMillis()) {
                if (waitingSpan == 0) {
                    waitingSpan = windows * step;
                    waitingHistory = Math.max(history, 0);
                }
                continue;
            }
            SeasonalBaseline base = SeasonalBaseline.learn(w, baselineFrom, first, s.excluded());
            if (!base.ready()) {
                if (waitingSpan == 0) {
                    waitingSpan = windows * step;
                }
                continue;
            }
            Pooled p = pool(s, w, first, base, windows * step, counted, minSample);
            if (p == null) {
                continue;
            }
            if (p.active && finest == null) {
                finest = p;
            }
            if (finestJudged == null) {
                finestJudged = p;
            }
            if (best == null || p.z > best.z) {
                best = p;
            }
            if (informative(s, w, p)) {
                break; // coarser resolutions would only add tests and lag
            }
        }
        if (best == null) {
            if (waitingSpan == 0) {
                return Judgement.notJudged(v.value(), "no sample to judge");
            }
            long span = waitingSpan;
            long history = waitingHistory;
            return Judgement.notJudged(v.value(), () -> "warming up: "
                    + (history >= 0 ? Durations.format(Duration.ofMillis(history)) + " of history before the last " : "")
                    + Durations.format(Duration.ofMillis(span)) + ", where a baseline needs "
                    + Durations.format(MINIMUM_BASELINE));
        }
        // active: the finest resolution that shows the change; else the finest judged one gives the
        // value (what a resolved notice shows) and the one with the most evidence the reason
        if (finest != null) {
            return verdict(s, w, finest, finest, true, Long.MIN_VALUE);
        }
        return verdict(s, w, finestJudged, best, false, spentUntil);
    }

    private static Pooled pool(Condition.Shift s, SeriesWindows w, int first, SeasonalBaseline base, long span,
                               boolean counted, long minSample) {
        double observed = 0;
        double units = 0;
        double expected = 0;
        double sampling = 0;
        double dayTerm = 0;
        long day = Long.MIN_VALUE;
        double dayUnits = 0;
        long recentStart = w.start[w.n - 1] - Math.max(0, span / 3 - w.step);
        double recentObserved = 0;
        double recentExpected = 0;
        double recentUnits = 0;
        double recentSampling = 0;
        double recentDays = 0;
        long recentDay = Long.MIN_VALUE;
        double recentDayUnits = 0;
        double[] cellUnits = new double[base.cells()];
        double[] recentCellUnits = new double[base.cells()];
        for (int i = first; i < w.n; i++) {
            double p = base.expected(w.start[i]);
            cellUnits[base.cellOfWeek(w.start[i])] += w.b[i];
            observed += w.a[i];
            units += w.b[i];
            expected += w.b[i] * p;
            // a stall asks how improbable no numerator is given the denominators that came
            double v = s.stall() ? base.numeratorSamplingVariance(w.b[i], p) : base.samplingVariance(w.b[i], p);
            sampling += v;
            long d = Math.floorDiv(w.start[i], SeasonalBaseline.DAY);
            if (d != day) {
                dayTerm += dayUnits * dayUnits;
                day = d;
                dayUnits = 0;
            }
            dayUnits += w.b[i];
            if (w.start[i] >= recentStart) {
                recentObserved += w.a[i];
                recentExpected += w.b[i] * p;
                recentUnits += w.b[i];
                recentSampling += v;
                recentCellUnits[base.cellOfWeek(w.start[i])] += w.b[i];
                if (d != recentDay) {
                    recentDays += recentDayUnits * recentDayUnits;
                    recentDay = d;
                    recentDayUnits = 0;
                }
                recentDayUnits += w.b[i];
            }
        }
        dayTerm += dayUnits * dayUnits;
        recentDays += recentDayUnits * recentDayUnits;
        if (!(units > 0) || units < minSample || !w.counted && units < NORMAL_MINIMUM) {
            return null;
        }
        double variance = base.phi * sampling + base.dayVariance * dayTerm + base.baselineVariance(cellUnits, units);
        boolean up = s.direction() == Condition.Direction.UP;
        double z = evidence(up, observed, expected, variance, counted);
        double threshold = threshold(s.sensitivity(), base.settled());
        boolean large = s.stall() ? observed == 0 && expected > 0
                : largeEnough(s, w, observed, expected, units, 1)
                && (recentUnits == 0 || span <= w.step || recentHolds(s, w, observed, expected, units,
                recentObserved, recentExpected, recentUnits, base.phi * recentSampling + base.dayVariance * recentDays
                        + base.baselineVariance(recentCellUnits, recentUnits), counted));
        boolean active = z >= threshold - TOLERANCE && large;
        return new Pooled(span, observed, expected, variance, z, units, active, base, threshold);
    }

    /**
     * How many windows back each stretch to judge reaches, finest first: the resolutions (1h, 3h,
     * 6h, 12h, 1d, 3d, 7d) with {@code window: auto}, the rule's window alone without; for a stall
     * the one stretch since the numerator was last above 0 (at most 7 days), whose length is then
     * the evidence itself rather than a choice among fixed ones.
     */
    private static long[] stretches(Condition.Shift s, SeriesWindows w, KpiValue v, long step) {
        if (!s.scan()) {
            return new long[] {1};
        }
        long longest = Math.max(1, LONGEST.toMillis() / step);
        if (s.stall()) {
            long since = longest;
            for (int i = w.n - 1; i >= 0; i--) {
                if (w.a[i] != 0) {
                    since = Math.min(longest, (v.windowStart() - w.start[i]) / step);
                    break;
                }
            }
            return new long[] {since};
        }
        // a loop, not a stream: this runs for every value of every series a shift rule judges
        long[] out = new long[RESOLUTIONS.length];
        int n = 0;
        for (Duration r : RESOLUTIONS) {
            long windows = Math.max(1, r.toMillis() / step);
            // RESOLUTIONS ascend, so a repeat can only follow its equal
            if (windows <= longest && (n == 0 || out[n - 1] != windows)) {
                out[n++] = windows;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Whether this resolution alone can see the rule's smallest change: its minimum detectable change,
     * threshold × standard error, is at most that change (for a stall: no numerator where this much
     * was expected would be improbable enough). The series is then judged no coarser.
     */
    private static boolean informative(Condition.Shift s, SeriesWindows w, Pooled p) {
        double detectable = p.threshold * Math.sqrt(p.variance);
        if (s.stall()) {
            return p.expected > 0 && zOfTail(Math.exp(-p.expected * p.expected / p.variance)) >= p.threshold;
        }
        if (!Double.isNaN(s.percent())) {
            return p.expected > 0 && detectable / p.expected * 100 <= s.percent();
        }
        return detectable / p.units * w.scale <= s.absolute();
    }

    /**
     * z of the change in the rule's direction: positive when the data moved that way. Counted
     * outcomes by a Poisson tail with the same mean and variance, others by the normal.
     */
    static double evidence(boolean up, double observed, double expected, double variance, boolean counted) {
        if (!(variance > 0)) {
            return 0;
        }
        if (counted && expected > 0) {
            double d = variance / expected;
            double k = observed / d;
            double mean = expected / d;
            double tail = up ? (k <= 0 ? 1 : Gamma.regularizedGammaP(k, mean))
                    : Gamma.regularizedGammaQ(k + 1, mean);
            return zOfTail(tail);
        }
        double z = (observed - expected) / Math.sqrt(variance);
        return up ? z : -z;
    }

    /** The z whose upper tail is {@code p}. */
    static double zOfTail(double p) {
        if (!(p < 1)) {
            return -MAX_Z;
        }
        if (!(p > 1e-300)) {
            return MAX_Z;
        }
        return Math.max(-MAX_Z, Math.min(MAX_Z, -STANDARD_NORMAL.inverseCumulativeProbability(p)));
    }

    /**
     * The newest third of a pooled stretch shows at least half the rule's minimum change, two
     * thirds of the change of the whole stretch, and a z of {@link #RECENT_Z} by itself: the change
     * is still going on, rather than an episode that ended and would keep a long stretch
     * significant (and fire it anew) for days.
     */
    private static boolean recentHolds(Condition.Shift s, SeriesWindows w, double observed, double expected,
                                       double units, double recentObserved, double recentExpected, double recentUnits,
                                       double recentVariance, boolean counted) {
        if (!largeEnough(s, w, recentObserved, recentExpected, recentUnits, 0.5)) {
            return false;
        }
        boolean up = s.direction() == Condition.Direction.UP;
        // and with some evidence of its own: a few quiet windows that happen to read low are no sign
        // that an episode which ended is still going on
        if (evidence(up, recentObserved, recentExpected, recentVariance, counted) < RECENT_Z) {
            return false;
        }
        double whole = (observed - expected) / units;
        double recent = (recentObserved - recentExpected) / recentUnits;
        return (up ? recent : -recent) >= RECENT_SHARE * (up ? whole : -whole);
    }

    /** Whether the change reaches {@code share} of the rule's minimum change. */
    private static boolean largeEnough(Condition.Shift s, SeriesWindows w, double observed, double expected,
                                       double units, double share) {
        return largeEnough(s, w.scale, observed, expected, units, share);
    }

    private static Judgement verdict(Condition.Shift s, SeriesWindows w, Pooled shown, Pooled explained,
                                     boolean active, long spentUntil) {
        double value = shown.observed / shown.units * w.scale;
        double baseline = shown.expected / shown.units * w.scale;
        String window = Durations.format(Duration.ofMillis(shown.span));
        return new Judgement(true, active, value, baseline, Judgement.relativeChange(value, baseline), window,
                () -> reason(s, w, explained, Durations.format(Duration.ofMillis(explained.span)), active)
                        + (spentUntil == Long.MIN_VALUE ? "" : "; longer stretches reach back before "
                        + java.time.Instant.ofEpochMilli(spentUntil) + ", where an alert that resolved last held"));
    }

    private static String reason(Condition.Shift s, SeriesWindows w, Pooled p, String window, boolean active) {
        SeasonalBaseline b = p.baseline;
        String head;
        if (s.stall()) {
            head = (p.observed == 0 ? "numerator 0" : "numerator " + Show.num(p.observed)) + " of denominator "
                    + Show.num(p.units) + " over the last " + window + " where " + Show.num(p.expected)
                    + " were expected (rate " + Show.num(p.expected / p.units) + ")";
        } else {
            String word = s.direction() == Condition.Direction.UP ? "rise " : "drop ";
            head = word + Show.signed(Judgement.relativeChange(p.observed, p.expected)) + "% over the last " + window
                    + ": " + Show.num(p.observed / p.units * w.scale) + " vs " + Show.num(p.expected / p.units * w.scale)
                    + " expected (" + (w.ratio ? Show.num(p.observed) + "/" + Show.num(p.units) : Show.num(p.units)
                    + " windows") + ")";
        }
        String test = "z " + Show.num(p.z) + (p.z >= p.threshold - TOLERANCE ? " >= " : " < ") + Show.num(p.threshold);
        String size = active || s.stall() ? "" : p.z >= p.threshold - TOLERANCE ? ", change below the minimum" : "";
        String spread = String.format(Locale.ROOT, "overdispersion %.2f, day-to-day %s", b.phi,
                Show.num(Math.sqrt(b.dayVariance) * w.scale));
        String history = b.days + (b.days == 1 ? " day" : " days") + " of baseline, " + b.shape()
                + (b.trimmedDays > 0 ? ", " + b.trimmedDays + " unusual days left out" : "")
                + (b.settled() ? "" : ", warming up");
        return head + "; " + test + size + " (" + spread + "; " + history + ")";
    }
}
