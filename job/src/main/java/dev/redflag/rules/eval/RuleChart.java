package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.yaml.Durations;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ChartData} of a rule's series around a judged value: a pure function of the rule,
 * the history and the value, like {@link RuleEvaluator}, reading the same windows and the same
 * baselines, so the chart shows what the rule saw.
 *
 * <p>Per condition kind (the first sub-condition of {@code all} or {@code any} that has one):
 * <ul>
 *   <li>shift: the seasonal baseline learned, as the detector learns it, from the 28 days before the
 *       stretch that fired; the band is the expected value ± the larger of the rule's minimum change
 *       and threshold z × the standard error of one window of that window's volume (its sampling
 *       variance times overdispersion, the day-to-day variance and the baseline's own error, by the
 *       normal approximation): a single window outside it fires by itself, pooled stretches fire on
 *       smaller moves. A stall shows the baseline without a band;</li>
 *   <li>change: each window's own baseline ({@code Baselines}), the band at the rule's percent or
 *       absolute change from it;</li>
 *   <li>threshold: no baseline, the threshold as the band's one side;</li>
 *   <li>others: the values alone.</li>
 * </ul>
 * Only the firing side of the band is set: a rule watching for a rise has no lower bound.
 */
public final class RuleChart {

    /** Windows charted: two days of hourly windows, a bounded few kilobytes in the alert's JSON. */
    public static final int WINDOWS = 48;

    private RuleChart() {
    }

    /**
     * The chart of the last {@link #WINDOWS} windows up to {@code latest}.
     *
     * @param history      the series' history; only windows before the latest are read
     * @param unit         the KPI's unit ({@code ratio}, {@code count}, ...)
     * @param judgedWindow the stretch the judgement pooled ({@code 3h}), null for the rule's window
     */
    public static ChartData of(Rule rule, SeriesHistory history, KpiValue latest, String unit, String judgedWindow) {
        long step = latest.windowEnd() - latest.windowStart();
        long span = judgedWindow == null ? step : Math.max(step, Durations.parse(judgedWindow).toMillis());
        Condition c = charted(rule.condition());
        List<ChartData.Point> points = c instanceof Condition.Shift s && step > 0
                ? shift(s, history, latest)
                : byWindow(c, history, latest);
        return new ChartData(unit, step, latest.windowEnd() - span, latest.windowEnd(), points);
    }

    private static Condition charted(Condition c) {
        List<Condition> parts = c instanceof Condition.All all ? all.conditions()
                : c instanceof Condition.Any any ? any.conditions() : List.of(c);
        for (Condition part : parts) {
            if (part instanceof Condition.Shift || part instanceof Condition.Change
                    || part instanceof Condition.Threshold) {
                return part;
            }
        }
        return c;
    }

    private static List<ChartData.Point> byWindow(Condition c, SeriesHistory h, KpiValue latest) {
        int before = h.countBefore(latest.windowStart());
        List<ChartData.Point> points = new ArrayList<>(WINDOWS);
        for (int i = Math.max(0, before - (WINDOWS - 1)); i <= before; i++) {
            boolean last = i == before;
            long start = last ? latest.windowStart() : h.start(i);
            double value = last ? latest.value() : h.value(i);
            points.add(point(c, h, i, start, value));
        }
        return points;
    }

    private static ChartData.Point point(Condition c, SeriesHistory h, int before, long start, double value) {
        if (c instanceof Condition.Threshold t) {
            boolean up = t.direction() == Condition.Direction.UP;
            return new ChartData.Point(start, value, Double.NaN, up ? Double.NaN : t.value(), up ? t.value() : Double.NaN);
        }
        if (c instanceof Condition.Change ch) {
            double b = Baselines.mean(ch.baseline(), h, before, start);
            double margin = !Double.isNaN(ch.percent()) ? Math.abs(b) * ch.percent() / 100 : ch.absolute();
            return banded(start, value, b, margin, ch.direction());
        }
        return new ChartData.Point(start, value, Double.NaN, Double.NaN, Double.NaN);
    }

    private static ChartData.Point banded(long start, double value, double baseline, double margin,
                                          Condition.Direction direction) {
        boolean up = direction == Condition.Direction.UP;
        return new ChartData.Point(start, value, baseline, up ? Double.NaN : baseline - margin,
                up ? baseline + margin : Double.NaN);
    }

    private static List<ChartData.Point> shift(Condition.Shift s, SeriesHistory h, KpiValue latest) {
        long step = latest.windowEnd() - latest.windowStart();
        int before = h.countBefore(latest.windowStart());
        SeriesWindows w = SeriesWindows.of(h, before, latest, ShiftDetector.lookback(s, step), s.signed());
        int from = Math.max(0, w.n - WINDOWS);
        // one baseline for the whole chart, learned from the 28 days before its first window, so the
        // windows charted are judged against what came before them, incident included
        int baselineFrom = w.firstAtOrAfter(w.start[from] - ShiftDetector.BASELINE.toMillis());
        SeasonalBaseline base = from > baselineFrom ? SeasonalBaseline.learn(w, baselineFrom, from, s.excluded()) : null;
        boolean ready = base != null && base.ready();
        double z = ready ? ShiftDetector.threshold(s.sensitivity(), base.settled()) : Double.NaN;
        List<ChartData.Point> points = new ArrayList<>(w.n - from);
        for (int i = from; i < w.n; i++) {
            long start = w.start[i];
            double value = i == w.n - 1 ? latest.value() : w.ratio ? h.valueAt(start) : w.a[i];
            if (!ready) {
                points.add(new ChartData.Point(start, value, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double p = base.expected(start);
            double units = w.ratio ? w.b[i] : 1;
            if (s.stall() || !(units > 0)) {
                points.add(new ChartData.Point(start, value, p * w.scale, Double.NaN, Double.NaN));
                continue;
            }
            double[] cells = new double[base.cells()];
            cells[base.cellOfWeek(start)] = units;
            double variance = base.phi * base.samplingVariance(units, p) + base.dayVariance * units * units
                    + base.baselineVariance(cells, units);
            double minimum = !Double.isNaN(s.percent()) ? Math.abs(p) * s.percent() / 100 : s.absolute() / w.scale;
            double margin = Math.max(z * Math.sqrt(variance) / units, minimum);
            points.add(banded(start, value, p * w.scale, margin * w.scale, s.direction()));
        }
        return points;
    }
}
