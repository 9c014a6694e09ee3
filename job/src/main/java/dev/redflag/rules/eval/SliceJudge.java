package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;
import dev.redflag.rules.Condition;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the slices of one window under a shift's {@code slices:}: each slice named by the rule's
 * dimensions (and pairs) is held against its {@link SliceBaseline} with the series' own statistics
 * (variance model by kind of KPI, φ, the baseline's error; Poisson tails for counted outcomes, the
 * normal approximation with at least {@link ShiftDetector#NORMAL_MINIMUM} answers otherwise) and the
 * rule's minimum change. With {@code window: auto} a slice is pooled over the series' resolutions
 * ({@link SliceBaseline#stretches}), finest first, none coarser than the first that can see the rule's
 * minimum change, and the finest active one names it. The threshold is raised for the number of
 * stretches tested, slices times resolutions (Bonferroni): the series' one-sided α split evenly among
 * them, so judging m slices at r resolutions adds at most α per window to the series' false alerts,
 * whatever m and r are ({@link FalseAlertBudget}).
 *
 * <p>The verdict lists the slices that moved, the one to name first: most evident, after those a
 * moved pair or dimension says better ({@link #covered}). Raising the alert is the caller's: on the parent series, with the slice
 * named, never one alert per slice.
 */
public final class SliceJudge {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double TOLERANCE = 1e-9;

    private SliceJudge() {
    }

    /** The series' one-sided α at a sensitivity, as {@link ShiftDetector#threshold} sets it. */
    static double alpha(double sensitivity, boolean settled) {
        return 1 - STANDARD_NORMAL.cumulativeProbability(ShiftDetector.threshold(sensitivity, settled));
    }

    /**
     * The z each of {@code slices} tests (slices, or slices times resolutions) must reach: the tail
     * α / slices, where α is the series' own. 3.85 for one at sensitivity 5, 4.53 for 20, 4.68 for 40.
     */
    public static double threshold(double sensitivity, boolean settled, int slices) {
        return ShiftDetector.zOfTail(alpha(sensitivity, settled) / Math.max(1, slices));
    }

    /**
     * @param scale          the KPI's scale (100 for NPS), for the rule's {@code absolute} and the values
     * @param windowEnd      the end of the window judged, to which the slices' pools are decayed
     * @param parentExpected the parent's seasonal expectation for this window in raw units (rate, or
     *                       total per window): the series' shift {@link Judgement#baseline()} divided
     *                       by the KPI's scale when it was judged on the rule's own window
     *                       ({@link Judgement#judgedWindow()}); NaN when unknown (the slices' flat level)
     */
    public static SliceVerdict judge(Condition.Shift s, SliceKind kind, double scale, SliceBaseline baseline,
                                     long windowEnd, List<Slice> current, double parentExpected) {
        return judge(s, kind, scale, baseline, windowEnd, current, parentExpected, Long.MIN_VALUE);
    }

    /**
     * As {@link #judge(Condition.Shift, SliceKind, double, SliceBaseline, long, List, double)}, with the
     * windows before {@code evidenceFrom} spent by an alert of the rule that held on them and resolved
     * ({@link Long#MIN_VALUE} for none): no pooled stretch reaching back before it is tried, as the
     * series' ({@link ShiftDetector}).
     */
    public static SliceVerdict judge(Condition.Shift s, SliceKind kind, double scale, SliceBaseline baseline,
                                     long windowEnd, List<Slice> current, double parentExpected, long evidenceFrom) {
        if (s.slices().isEmpty() || !baseline.ready()) {
            return SliceVerdict.NONE;
        }
        Set<String> groups = Set.copyOf(SliceNames.groups(s.slices()));
        Map<String, Double> factors = new HashMap<>();
        List<Slice> judged = new ArrayList<>();
        List<SliceBaseline.Expectation> expectations = new ArrayList<>();
        List<Double> phis = new ArrayList<>();
        for (Slice slice : current) {
            String group = SliceNames.group(slice.name());
            SliceBaseline.Sums base = baseline.slice(slice.name());
            if (!groups.contains(group) || base == null) {
                continue;
            }
            double factor = factors.computeIfAbsent(group, g -> baseline.factor(g, kind, parentExpected));
            SliceBaseline.Expectation e = baseline.expect(base, slice, kind, factor, base.phi());
            if (e == null || !kind.counted() && kind.ratio() && e.units() < ShiftDetector.NORMAL_MINIMUM) {
                continue;
            }
            judged.add(slice);
            expectations.add(e);
            phis.add(base.phi());
        }
        if (judged.isEmpty()) {
            return SliceVerdict.NONE;
        }
        int m = judged.size();
        boolean up = s.direction() == Condition.Direction.UP;
        // each slice's stretches, finest first and none coarser than the first that can see the rule's
        // minimum change at the threshold of m slices (a choice that looks at variances, never at the
        // data, so Bonferroni over the stretches tried stays exact)
        double seeing = threshold(s.sensitivity(), baseline.settled(), m);
        List<List<SliceBaseline.Stretch>> tried = new ArrayList<>(m);
        int tests = 0;
        for (int i = 0; i < m; i++) {
            SliceBaseline.Expectation e = expectations.get(i);
            List<SliceBaseline.Stretch> stretches = new ArrayList<>();
            stretches.add(new SliceBaseline.Stretch(e.observed(), e.expected(), e.units(), e.variance(), 0));
            if (s.scan() && !informative(s, e.expected(), e.units(), e.variance(), seeing, scale, kind)) {
                SliceBaseline.Expectation bare = new SliceBaseline.Expectation(e.observed(), e.expected(), e.units(),
                        e.variance() / phis.get(i));
                for (SliceBaseline.Stretch pooled : baseline.stretches(judged.get(i).name(), bare, windowEnd)) {
                    if (evidenceFrom != Long.MIN_VALUE && windowEnd - pooled.span() < evidenceFrom) {
                        break; // it and the longer ones hold windows a resolved alert was raised on
                    }
                    if (!kind.counted() && pooled.units() < ShiftDetector.NORMAL_MINIMUM) {
                        continue;
                    }
                    stretches.add(pooled);
                    if (informative(s, pooled.expected(), pooled.units(), pooled.variance(), seeing, scale, kind)) {
                        break;
                    }
                }
            }
            tried.add(stretches);
            tests += stretches.size();
        }
        double alpha = alpha(s.sensitivity(), baseline.settled()) / tests;
        double threshold = ShiftDetector.zOfTail(alpha);
        List<SliceShift> moved = new ArrayList<>();
        Map<String, Double> excess = new HashMap<>();
        for (int i = 0; i < m; i++) {
            List<SliceBaseline.Stretch> stretches = tried.get(i);
            for (int j = 0; j < stretches.size(); j++) {
                SliceBaseline.Stretch e = stretches.get(j);
                double z = ShiftDetector.evidence(up, e.observed(), e.expected(), e.variance(), kind.counted());
                if (z >= threshold - TOLERANCE && largeEnough(s, e, scale)
                        && (j == 0 || recentHolds(s, e, recent(stretches, j), scale, kind)
                        && windowHolds(s, stretches.get(0), scale, kind))) {
                    double unitScale = kind.ratio() ? scale : 1;
                    double value = e.observed() / e.units() * unitScale;
                    double expected = e.expected() / e.units() * unitScale;
                    String name = judged.get(i).name();
                    moved.add(new SliceShift(name, value, expected, Judgement.relativeChange(value, expected),
                            e.units(), z, e.span()));
                    excess.put(name, up ? e.observed() - e.expected() : e.expected() - e.observed());
                    break;
                }
            }
        }
        Set<String> covered = covered(excess);
        moved.sort(Comparator.<SliceShift, Boolean>comparing(x -> covered.contains(x.slice()))
                .thenComparing(Comparator.comparingDouble(SliceShift::z).reversed()));
        return new SliceVerdict(moved, m, tests, threshold, alpha);
    }

    /**
     * Whether a stretch can see the rule's minimum change: threshold × its standard error is within it,
     * as {@link ShiftDetector} stops at the first such resolution.
     */
    private static boolean informative(Condition.Shift s, double expected, double units, double variance,
                                       double threshold, double scale, SliceKind kind) {
        double detectable = threshold * Math.sqrt(variance);
        if (!Double.isNaN(s.percent())) {
            return expected > 0 && detectable / expected * 100 <= s.percent();
        }
        return detectable / units * (kind.ratio() ? scale : 1) <= s.absolute();
    }

    /**
     * The stretch standing for the newest third of stretch {@code j}: the longest tried whose span is at
     * most a third of it (the window itself for 3h and 6h).
     */
    private static SliceBaseline.Stretch recent(List<SliceBaseline.Stretch> stretches, int j) {
        long third = stretches.get(j).span() / 3;
        SliceBaseline.Stretch r = stretches.get(0);
        for (int k = 1; k < j; k++) {
            if (stretches.get(k).span() <= third) {
                r = stretches.get(k);
            }
        }
        return r;
    }

    /**
     * The window itself still shows half the rule's minimum change: an exponentially weighted stretch
     * remembers an episode for a while after it ended, and so does the shorter one standing for its newest
     * part, so without the window a long stretch would keep firing for hours after the slice came back.
     */
    private static boolean windowHolds(Condition.Shift s, SliceBaseline.Stretch window, double scale, SliceKind kind) {
        return ShiftDetector.largeEnough(s, kind.ratio() ? scale : 1, window.observed(), window.expected(),
                window.units(), 0.5);
    }

    /**
     * As the series' resolutions ({@link ShiftDetector}): a pooled stretch is active only while its newest
     * part still shows half the rule's minimum change, two thirds of the stretch's own change per unit and
     * a z of 1, so that an episode that is over does not keep a long stretch firing.
     */
    private static boolean recentHolds(Condition.Shift s, SliceBaseline.Stretch whole, SliceBaseline.Stretch recent,
                                       double scale, SliceKind kind) {
        double unitScale = kind.ratio() ? scale : 1;
        if (!ShiftDetector.largeEnough(s, unitScale, recent.observed(), recent.expected(), recent.units(), 0.5)) {
            return false;
        }
        boolean up = s.direction() == Condition.Direction.UP;
        if (ShiftDetector.evidence(up, recent.observed(), recent.expected(), recent.variance(), kind.counted())
                < ShiftDetector.RECENT_Z) {
            return false;
        }
        double all = (whole.observed() - whole.expected()) / whole.units();
        double now = (recent.observed() - recent.expected()) / recent.units();
        return (up ? now : -now) >= ShiftDetector.RECENT_SHARE * (up ? all : -all);
    }

    /**
     * The moved slices another moved slice says better, which go last: a dimension's slice whose
     * excess (observed − expected, in the rule's direction) comes for {@link SliceExplainer#POWER} or more
     * from one of its moved pairs is said by that pair (paid mobile, not paid and mobile); moved pairs
     * of a moved slice that none of them explains alone are said by the slice (paid, not paid mobile
     * and paid desktop). As the explainer names them.
     */
    private static Set<String> covered(Map<String, Double> excess) {
        Set<String> covered = new java.util.HashSet<>();
        for (Map.Entry<String, Double> single : excess.entrySet()) {
            if (single.getKey().indexOf(',') >= 0) {
                continue;
            }
            List<String> pairs = new ArrayList<>();
            for (String pair : excess.keySet()) {
                if (pair.indexOf(',') >= 0 && List.of(pair.split(",")).contains(single.getKey())) {
                    pairs.add(pair);
                }
            }
            List<String> explaining = pairs.stream()
                    .filter(p -> excess.get(p) >= SliceExplainer.POWER * single.getValue()).toList();
            if (explaining.size() == 1) {
                covered.add(single.getKey());
            } else {
                covered.addAll(pairs);
            }
        }
        return covered;
    }

    /** The rule's minimum change, relative to the slice's expectation or absolute in the KPI's unit. */
    private static boolean largeEnough(Condition.Shift s, SliceBaseline.Stretch e, double scale) {
        boolean up = s.direction() == Condition.Direction.UP;
        double d = up ? e.observed() - e.expected() : e.expected() - e.observed();
        if (!Double.isNaN(s.percent())) {
            if (!(e.expected() > 0)) {
                return up && e.observed() > 0;
            }
            return d / e.expected() * 100 >= s.percent() * (1 - TOLERANCE);
        }
        return d / e.units() * scale >= s.absolute() * (1 - TOLERANCE);
    }
}
