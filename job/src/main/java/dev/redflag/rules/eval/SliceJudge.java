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
 * rule's minimum change. The threshold is raised for the number of slices tested (Bonferroni): the
 * series' one-sided α split evenly among them, so judging m slices adds at most α per window to the
 * series' false alerts, whatever m is ({@link FalseAlertBudget}).
 *
 * <p>The verdict lists the slices that moved, the one to name first: most evident, after those a
 * moved pair or dimension says better ({@link #covered}). Raising the alert is the caller's: on the parent series, with the slice
 * named, never one alert per slice. Slices are judged on the rule's window alone (the finest with
 * {@code window: auto}), not pooled over resolutions: their baseline keeps sums, not windows.
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
     * The z each of {@code slices} slices must reach: the tail α / slices, where α is the series'
     * own. 3.85 for one slice at sensitivity 5, 4.53 for 20, 4.68 for 40.
     */
    public static double threshold(double sensitivity, boolean settled, int slices) {
        return ShiftDetector.zOfTail(alpha(sensitivity, settled) / Math.max(1, slices));
    }

    /**
     * @param scale          the KPI's scale (100 for NPS), for the rule's {@code absolute} and the values
     * @param parentExpected the parent's seasonal expectation for this window in raw units (rate, or
     *                       total per window): the series' shift {@link Judgement#baseline()} divided
     *                       by the KPI's scale when it was judged on the rule's own window
     *                       ({@link Judgement#judgedWindow()}); NaN when unknown (the slices' flat level)
     */
    public static SliceVerdict judge(Condition.Shift s, SliceKind kind, double scale, SliceBaseline baseline,
                                     List<Slice> current, double parentExpected) {
        if (s.slices().isEmpty() || !baseline.ready()) {
            return SliceVerdict.NONE;
        }
        Set<String> groups = Set.copyOf(SliceNames.groups(s.slices()));
        Map<String, Double> factors = new HashMap<>();
        List<Slice> judged = new ArrayList<>();
        List<SliceBaseline.Expectation> expectations = new ArrayList<>();
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
        }
        if (judged.isEmpty()) {
            return SliceVerdict.NONE;
        }
        int m = judged.size();
        double alpha = alpha(s.sensitivity(), baseline.settled()) / m;
        double threshold = threshold(s.sensitivity(), baseline.settled(), m);
        boolean up = s.direction() == Condition.Direction.UP;
        List<SliceShift> moved = new ArrayList<>();
        Map<String, Double> excess = new HashMap<>();
        for (int i = 0; i < m; i++) {
            SliceBaseline.Expectation e = expectations.get(i);
            double z = ShiftDetector.evidence(up, e.observed(), e.expected(), e.variance(), kind.counted());
            if (z >= threshold - TOLERANCE && largeEnough(s, e, scale)) {
                double unitScale = kind.ratio() ? scale : 1;
                double value = e.observed() / e.units() * unitScale;
                double expected = e.expected() / e.units() * unitScale;
                String name = judged.get(i).name();
                moved.add(new SliceShift(name, value, expected, Judgement.relativeChange(value, expected), e.units(), z));
                excess.put(name, up ? e.observed() - e.expected() : e.expected() - e.observed());
            }
        }
        Set<String> covered = covered(excess);
        moved.sort(Comparator.<SliceShift, Boolean>comparing(x -> covered.contains(x.slice()))
                .thenComparing(Comparator.comparingDouble(SliceShift::z).reversed()));
        return new SliceVerdict(moved, m, threshold, alpha);
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
    private static boolean largeEnough(Condition.Shift s, SliceBaseline.Expectation e, double scale) {
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
