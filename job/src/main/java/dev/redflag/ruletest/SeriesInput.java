package dev.redflag.ruletest;

import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One KPI series written by hand in a rule test: the values the KPI operators would have emitted
 * for one key, one per window from {@code start}. Turning it into {@link KpiValue}s here, with
 * the same numerator/denominator/sample conventions as the operators, is what lets a test speak
 * in KPI values while the rules see exactly what they would see live.
 *
 * @param kpi          KPI name
 * @param window       the KPI window the values belong to
 * @param dims         the series' dimensions (exactly the KPI's {@code by})
 * @param start        start of the first window, epoch millis (aligned to the window slide)
 * @param values       one per window, NaN where the series has no value
 * @param denominators for ratio KPIs, one per window (the sample behind the value), else null
 * @param samples      events or entities behind each value; null = the denominator for ratio KPIs,
 *                     1 for others
 * @param squares      Σa² of the events behind each value (ratio and sum KPIs), else null: see
 *                     {@link #kpiValues()} for the default
 * @param scale        the KPI's scale (100 for NPS: value = 100 × numerator / denominator)
 */
public record SeriesInput(String kpi, WindowSpec window, SortedMap<String, String> dims, long start,
                          double[] values, double[] denominators, long[] samples, double[] squares,
                          double scale) {

    public SeriesInput {
        dims = Collections.unmodifiableSortedMap(new TreeMap<>(dims));
        values = values.clone();
        denominators = denominators == null ? null : denominators.clone();
        samples = samples == null ? null : samples.clone();
        squares = squares == null ? null : squares.clone();
    }

    /**
     * The series as KPI values, windows without value left out. Ratio KPIs get numerator =
     * value / scale × denominator (rounded to a whole number when it is one up to floating-point
     * noise, so {@code 0.3} of {@code 10} is 3, not 3.0000000000000004).
     *
     * <p>Second moments as the operators would emit them for events that add 1 each to the
     * denominator (sessions, answers, customers): Σa² as given in {@code squares}, Σab = the
     * numerator, Σb² = the denominator. Without {@code squares}, a scaled ratio (NPS: +1, 0, −1 per
     * answer) takes Σa² = the denominator, every answer a promoter or a detractor (no passives: the
     * largest variance its value allows); other ratios keep the moments unknown (NaN), which the
     * shift detector reads as counted outcomes (a in {0, 1}: Σa² = Σab = the numerator), right for
     * bounce, conversion, churn and e-mail rates. A sum with {@code squares} gets Σab = the value and
     * Σb² = its sample (b = 1 per event).
     */
    public List<KpiValue> kpiValues() {
        long step = window.slide().toMillis();
        long size = window.size().toMillis();
        List<KpiValue> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            long windowStart = start + i * step;
            double numerator = Double.NaN;
            double denominator = Double.NaN;
            double aa = Double.NaN;
            double ab = Double.NaN;
            double bb = Double.NaN;
            long sample = samples != null ? samples[i] : denominators != null ? Math.round(denominators[i]) : 1;
            if (denominators != null) {
                denominator = denominators[i];
                numerator = tidy(v / scale * denominator);
                aa = squares != null ? squares[i] : scale != 1 ? denominator : Double.NaN;
                if (!Double.isNaN(aa)) {
                    ab = numerator;
                    bb = denominator;
                }
            } else if (squares != null) {
                aa = squares[i];
                ab = v;
                bb = sample;
            }
            out.add(new KpiValue(kpi, window.label(), dims, windowStart, windowStart + size, v, numerator, denominator,
                    sample, aa, ab, bb));
        }
        return out;
    }

    /** The end of the last window written (with or without value). */
    public long end() {
        return start + (values.length - 1L) * window.slide().toMillis() + window.size().toMillis();
    }

    static double tidy(double x) {
        double whole = Math.rint(x);
        return Math.abs(x - whole) <= 1e-9 * Math.max(1, Math.abs(x)) ? whole : x;
    }
}
