package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains a change of a series by its slices, at firing: per slice its baseline and current rate
 * and share of the denominator, and its part of the parent's change split into a rate effect and a
 * mix effect, ranked by explanatory power and surprise (Adtributor, Bhagwan et al., NSDI 2014).
 *
 * <p>For a ratio R = Σ a / Σ b over the slices of one dimension, with shares w of the denominator
 * and rates p, the change splits exactly into Σ w0 (p1 − p0) (rate) and Σ (w1 − w0)(p1 − R0) (mix;
 * centred on R0 so that a slice gaining traffic at the parent's own rate explains nothing). For
 * counts and sums a slice's part is its change in total. Its explanatory power is its part over the
 * parent's change; its surprise the Jensen–Shannon divergence between its baseline and current shares
 * (of the numerator, and for ratios of the denominator too).
 *
 * <p>Per dimension (and pair) the candidate is, as in Adtributor, the fewest slices, most explanatory
 * first, each explaining at least {@link #LEAST_POWER} of the change, that together explain
 * {@link #POWER}. A candidate that explains by mix (at least {@link #POWER} of its dimension's change
 * comes from the mix) makes a {@link Explanation.Verdict#MIX}; one by rate counts only when the rest
 * of the dimension moved at most {@link #REST} as much, relatively ("confined"), since a change that
 * every slice shares singles out none. Among the candidates the one of fewest slices wins (one
 * slice over two slices of a pair that say the same), then the most surprising (a pair over its two
 * marginals, whose shares move less). No candidate: {@link Explanation.Verdict#ACROSS_ALL}.
 */
public final class SliceExplainer {

    /** Adtributor's T_EP: the share of the change a candidate must explain. */
    static final double POWER = 0.67;
    /** Adtributor's T_EEP: the least share each of its slices must explain. */
    static final double LEAST_POWER = 0.1;
    /** How much, relatively, the rest of a dimension may move beside a confined candidate. */
    static final double REST = 1.0 / 3;
    private static final double TOLERANCE = 1e-12;

    private SliceExplainer() {
    }

    /** One dimension's (or pair's) answer. */
    private record Candidate(String group, Explanation.Verdict verdict, List<SliceChange> slices, double surprise,
                             double baselineValue, double currentValue) {
    }

    /**
     * @param parentExpected the parent's seasonal expectation for the window in raw units, as the
     *                       slice judge takes it (NaN: the baseline's flat level)
     */
    public static Explanation explain(SliceKind kind, SliceBaseline baseline, List<Slice> current,
                                      double parentExpected) {
        Map<String, List<Slice>> groups = new LinkedHashMap<>();
        for (Slice s : current) {
            groups.computeIfAbsent(SliceNames.group(s.name()), g -> new ArrayList<>()).add(s);
        }
        List<SliceChange> ranked = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        double baselineValue = Double.NaN;
        double currentValue = Double.NaN;
        boolean changed = false;
        for (Map.Entry<String, List<Slice>> g : groups.entrySet()) {
            double factor = baseline.factor(g.getKey(), kind, parentExpected);
            Group group = changes(kind, baseline, g.getKey(), g.getValue(), factor);
            if (group == null) {
                continue;
            }
            if (Double.isNaN(baselineValue)) {
                baselineValue = group.baselineValue;
                currentValue = group.currentValue;
            }
            ranked.addAll(group.changes);
            if (Math.abs(group.currentValue - group.baselineValue) <= TOLERANCE * Math.max(1,
                    Math.abs(group.baselineValue))) {
                continue;
            }
            changed = true;
            Candidate c = candidate(kind, g.getKey(), group);
            if (c != null) {
                candidates.add(c);
            }
        }
        ranked.sort(Comparator.comparingDouble(SliceChange::explanatoryPower).reversed()
                .thenComparing(Comparator.comparingDouble(SliceChange::surprise).reversed()));
        if (!changed) {
            return new Explanation(Explanation.Verdict.NO_CHANGE, kind.ratio(), baselineValue, currentValue,
                    List.of(), ranked);
        }
        Candidate best = candidates.stream()
                .min(Comparator.<Candidate>comparingInt(c -> c.slices.size())
                        .thenComparing(Comparator.comparingDouble(Candidate::surprise).reversed()))
                .orElse(null);
        if (best == null) {
            return new Explanation(Explanation.Verdict.ACROSS_ALL, kind.ratio(), baselineValue, currentValue,
                    List.of(), ranked);
        }
        return new Explanation(best.verdict, kind.ratio(), best.baselineValue, best.currentValue, best.slices,
                ranked);
    }

    /** A dimension's slices with their parts of its change. */
    private record Group(List<SliceChange> changes, double baselineValue, double currentValue,
                         Map<String, double[]> sums) {
    }

    /**
     * The changes of one group's slices: those in the window, and those of the baseline missing
     * from it (a slice whose traffic stopped). Null when the baseline or the window holds nothing.
     */
    private static Group changes(SliceKind kind, SliceBaseline baseline, String group, List<Slice> current,
                                 double factor) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Slice> now = new HashMap<>();
        for (Slice s : current) {
            names.add(s.name());
            now.put(s.name(), s);
        }
        for (String name : baseline.slices().keySet()) {
            if (SliceNames.group(name).equals(group)) {
                names.add(name);
            }
        }
        // per slice {a0, b0, a1, b1}: baseline (seasonally adjusted, per window for totals) and now
        Map<String, double[]> sums = new LinkedHashMap<>();
        double a0 = 0;
        double b0 = 0;
        double a1 = 0;
        double b1 = 0;
        for (String name : names) {
            SliceBaseline.Sums base = baseline.slice(name);
            Slice s = now.get(name);
            double[] x = new double[4];
            if (base != null) {
                x[0] = kind.ratio() ? base.numerator() * factor : base.numerator() * factor / baseline.windows();
                x[1] = kind.ratio() ? base.denominator() : 1;
            }
            if (s != null) {
                x[2] = s.numerator();
                x[3] = kind.ratio() ? finite(s.denominator()) : 1;
            }
            sums.put(name, x);
            a0 += x[0];
            b0 += kind.ratio() ? x[1] : 0;
            a1 += x[2];
            b1 += kind.ratio() ? x[3] : 0;
        }
        if (kind.ratio() ? !(b0 > 0) || !(b1 > 0) : !(baseline.windows() > 0)) {
            return null;
        }
        double r0 = kind.ratio() ? a0 / b0 : a0;
        double r1 = kind.ratio() ? a1 / b1 : a1;
        double delta = r1 - r0;
        List<SliceChange> changes = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] x = e.getValue();
            SliceChange c;
            if (kind.ratio()) {
                double w0 = x[1] / b0;
                double w1 = x[3] / b1;
                double p0 = x[1] > 0 ? x[0] / x[1] : r0;
                double p1 = x[3] > 0 ? x[2] / x[3] : p0;
                double rate = w0 * (p1 - p0);
                double mix = (w1 - w0) * (p1 - r0);
                double surprise = divergence(share(x[0], a0), share(x[2], a1)) + divergence(w0, w1);
                c = new SliceChange(e.getKey(), p0, p1, w0, w1, rate, mix, (rate + mix) / delta, surprise);
            } else {
                double change = x[2] - x[0];
                double w0 = share(x[0], a0);
                double w1 = share(x[2], a1);
                c = new SliceChange(e.getKey(), x[0], x[2], w0, w1, change, 0, change / delta, divergence(w0, w1));
            }
            changes.add(c);
        }
        return new Group(changes, r0, r1, sums);
    }

    /**
     * The group's candidate: by mix when the mix makes {@link #POWER} of its change, else by rate when
     * confined; null when its slices cannot be told apart.
     */
    private static Candidate candidate(SliceKind kind, String group, Group g) {
        double delta = g.currentValue - g.baselineValue;
        double mix = 0;
        for (SliceChange c : g.changes) {
            mix += c.mixEffect();
        }
        boolean byMix = kind.ratio() && mix / delta >= POWER;
        List<SliceChange> order = new ArrayList<>(g.changes);
        java.util.function.ToDoubleFunction<SliceChange> power = byMix ? c -> c.mixEffect() / delta
                : SliceChange::explanatoryPower;
        order.sort(Comparator.comparingDouble(power).reversed()
                .thenComparing(Comparator.comparingDouble(SliceChange::surprise).reversed()));
        List<SliceChange> chosen = new ArrayList<>();
        double explained = 0;
        double surprise = 0;
        for (SliceChange c : order) {
            if (explained >= POWER - TOLERANCE || power.applyAsDouble(c) < LEAST_POWER) {
                break;
            }
            chosen.add(c);
            explained += power.applyAsDouble(c);
            surprise += c.surprise();
        }
        if (explained < POWER - TOLERANCE) {
            return null;
        }
        if (!byMix && !confined(kind, g, chosen, delta)) {
            return null;
        }
        return new Candidate(group, byMix ? Explanation.Verdict.MIX : Explanation.Verdict.SLICES, chosen, surprise,
                g.baselineValue, g.currentValue);
    }

    /**
     * The chosen slices moved (in the direction of the change) and the rest of the group moved, relatively,
     * at most {@link #REST} as much: a rise of every slice alike is no rise of some.
     */
    private static boolean confined(SliceKind kind, Group g, List<SliceChange> chosen, double delta) {
        Set<String> names = new java.util.HashSet<>();
        chosen.forEach(c -> names.add(c.slice()));
        double[] in = new double[4];
        double[] rest = new double[4];
        for (Map.Entry<String, double[]> e : g.sums.entrySet()) {
            double[] into = names.contains(e.getKey()) ? in : rest;
            for (int i = 0; i < 4; i++) {
                into[i] += e.getValue()[i];
            }
        }
        if (rest[1] <= 0 && rest[3] <= 0) {
            return false; // the chosen slices are the whole series
        }
        double moved = relative(kind, in);
        double others = relative(kind, rest);
        double sign = Math.signum(delta);
        return moved * sign > 0 && others * sign <= REST * moved * sign;
    }

    /** Relative change of a rate (ratios) or a total from the baseline {a0, b0} to now {a1, b1}. */
    private static double relative(SliceKind kind, double[] x) {
        double before = kind.ratio() ? (x[1] > 0 ? x[0] / x[1] : 0) : x[0];
        double after = kind.ratio() ? (x[3] > 0 ? x[2] / x[3] : before) : x[2];
        if (before == 0) {
            return after == 0 ? 0 : Math.signum(after) * Double.MAX_VALUE;
        }
        return (after - before) / Math.abs(before);
    }

    private static double share(double x, double total) {
        return total != 0 ? x / total : 0;
    }

    /**
     * The Jensen–Shannon divergence of one element between shares p (baseline) and q (current), in
     * bits, as Adtributor's surprise: ½ [p log₂(2p / (p + q)) + q log₂(2q / (p + q))].
     */
    static double divergence(double p, double q) {
        p = Math.max(p, 0);
        q = Math.max(q, 0);
        double m = p + q;
        if (m == 0) {
            return 0;
        }
        double s = 0;
        if (p > 0) {
            s += p * Math.log(2 * p / m);
        }
        if (q > 0) {
            s += q * Math.log(2 * q / m);
        }
        return s / 2 / Math.log(2);
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
