package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One KPI value for one key and one window. Ratio KPIs carry their numerator and denominator so a
 * rule can ask for a minimum sample or test significance; other KPIs leave them NaN and carry only
 * the sample size (the number of events or entities behind the value).
 *
 * <p>The value is a sum over events of contributions a (to the numerator) and b (to the
 * denominator; 1 per event for sums, counts and means), and the three second moments of those
 * contributions say how much it varies, in their raw units (before the KPI's scale): standard
 * errors of ratios, NPS, sums and counts come from them. A KPI with no such model (min, max, last
 * and some stateful KPIs) carries NaN in all three, as does a value made with the 9-argument
 * constructor.
 *
 * <p>A KPI declared with {@code slices} carries its window's {@link Slice}s: for each slice
 * dimension, then each pair of them, the parts of the numerator and denominator that come from each
 * value (see {@link SliceRollup}). Every other value carries none.
 *
 * @param kpi                KPI name, e.g. {@code bounce_rate}
 * @param window             window label, e.g. {@code 1h} (tumbling) or {@code 1d/1h} (sliding)
 * @param dims               dimension values by dimension name, sorted by name; not to be modified
 * @param windowStart        inclusive start, epoch millis
 * @param windowEnd          exclusive end, epoch millis
 * @param numeratorSquares   Σ a², NaN when unknown
 * @param crossProducts      Σ a·b, NaN when unknown
 * @param denominatorSquares Σ b², NaN when unknown
 * @param slices             the value's slices, empty when the KPI is not sliced; not to be modified
 * @param examples           the latest events of the window that illustrate the KPI's problem, of the
 *                           series and per slice combination ({@link Examples#NONE} for a KPI without)
 */
@TypeInfo(KpiValueTypeInfo.class)
public record KpiValue(String kpi, String window, Map<String, String> dims, long windowStart,
                       long windowEnd, double value, double numerator, double denominator,
                       long sample, double numeratorSquares, double crossProducts,
                       double denominatorSquares, List<Slice> slices, Examples examples) {

    public KpiValue {
        slices = List.copyOf(slices);
        examples = examples == null ? Examples.NONE : examples;
    }

    /** A value with no examples. */
    public KpiValue(String kpi, String window, Map<String, String> dims, long windowStart,
                    long windowEnd, double value, double numerator, double denominator,
                    long sample, double numeratorSquares, double crossProducts, double denominatorSquares,
                    List<Slice> slices) {
        this(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample, numeratorSquares,
                crossProducts, denominatorSquares, slices, Examples.NONE);
    }

    /** A value with no slices. */
    public KpiValue(String kpi, String window, Map<String, String> dims, long windowStart,
                    long windowEnd, double value, double numerator, double denominator,
                    long sample, double numeratorSquares, double crossProducts, double denominatorSquares) {
        this(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample, numeratorSquares,
                crossProducts, denominatorSquares, List.of());
    }

    /** A value whose second moments are unknown (NaN), with no slices. */
    public KpiValue(String kpi, String window, Map<String, String> dims, long windowStart,
                    long windowEnd, double value, double numerator, double denominator, long sample) {
        this(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** The dims sorted by name, so that every rendering of a series is the same. */
    public SortedMap<String, String> sortedDims() {
        return dims instanceof SortedMap<String, String> sorted ? sorted : new TreeMap<>(dims);
    }

    /** The series this value belongs to: KPI, window and dim values in dim-name order. */
    public String seriesKey() {
        StringBuilder sb = KpiKeys.start(new StringBuilder(48), kpi, window);
        for (String v : sortedDims().values()) {
            sb.append(KpiKeys.SEP).append(v);
        }
        return sb.toString();
    }

    /**
     * This value without its examples, itself when it has none: what the KPI topic and the gauges
     * get, which show no examples, so that only the rule evaluation pays for carrying them.
     */
    public KpiValue withoutExamples() {
        if (examples.isEmpty()) {
            return this;
        }
        return new KpiValue(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample,
                numeratorSquares, crossProducts, denominatorSquares, slices, Examples.NONE);
    }

    public boolean isRatio() {
        return !Double.isNaN(denominator);
    }

    /**
     * This value without its slices and examples, itself when it has none: what a series keeps of
     * its latest value, which only time-based steps read (its window, labels and numbers), so a
     * sliced KPI's series does not rewrite its slice table and examples at every value.
     */
    public KpiValue withoutDetail() {
        if (slices.isEmpty() && examples.isEmpty()) {
            return this;
        }
        return new KpiValue(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample,
                numeratorSquares, crossProducts, denominatorSquares, List.of(), Examples.NONE);
    }
}
