package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One KPI value for one key and one window. Ratio KPIs carry their numerator and denominator so a
 * rule can ask for a minimum sample or test significance; other KPIs leave them NaN and carry only
 * the sample size (the number of events or entities behind the value).
 *
 * @param kpi         KPI name, e.g. {@code bounce_rate}
 * @param window      window label, e.g. {@code 1h} (tumbling) or {@code 1d/1h} (sliding)
 * @param dims        dimension values by dimension name, sorted by name; not to be modified
 * @param windowStart inclusive start, epoch millis
 * @param windowEnd   exclusive end, epoch millis
 */
@TypeInfo(KpiValueTypeInfo.class)
public record KpiValue(String kpi, String window, Map<String, String> dims, long windowStart,
                       long windowEnd, double value, double numerator, double denominator,
                       long sample) {

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

    public boolean isRatio() {
        return !Double.isNaN(denominator);
    }

    // Placeholders until the moments branch lands.
    public double numeratorSquares() {
        return Double.NaN;
    }

    public double crossProducts() {
        return Double.NaN;
    }

    public double denominatorSquares() {
        return Double.NaN;
    }
}
