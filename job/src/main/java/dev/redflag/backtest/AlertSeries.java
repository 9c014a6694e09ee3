package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The KPI series an alert watches, recovered from the alert's labels: the labels carry the
 * series' dims mixed with rule labels and reserved ones, and only the KPI's own dimensions say
 * which is which. It is the key on which alerts, their KPI values and their chart meet.
 *
 * @param dims the series' dimension values; empty for a stream-wide (whole KPI) alert
 */
public record AlertSeries(String kpi, String window, SortedMap<String, String> dims) {

    private static final Set<String> RESERVED = Set.of("alertname", "severity", "kpi", "window");

    public AlertSeries {
        dims = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dims));
    }

    /**
     * The labels of {@code e} that are dimensions of its KPI in {@code catalog}; for a KPI the
     * catalog does not know, every label but the reserved ones.
     */
    public static AlertSeries of(AlertEvent e, KpiCatalog catalog) {
        return of(e.kpi(), e.window(), e.labels(), catalog);
    }

    /** The same from an alert's KPI, window and labels, as a feedback record carries them. */
    public static AlertSeries of(String kpi, String window, Map<String, String> labels, KpiCatalog catalog) {
        SortedMap<String, String> dims = new TreeMap<>();
        if (kpi != null && catalog.contains(kpi)) {
            for (String dim : catalog.spec(kpi).by()) {
                String v = labels.get(dim);
                if (v != null) {
                    dims.put(dim, v);
                }
            }
        } else {
            labels.forEach((k, v) -> {
                if (!RESERVED.contains(k)) {
                    dims.put(k, v);
                }
            });
        }
        return new AlertSeries(kpi, window, dims);
    }

    public boolean contains(KpiValue v) {
        return v.kpi().equals(kpi) && v.window().equals(window) && v.sortedDims().equals(dims);
    }

    /** {@code kpi{dim="value",...}}, as Prometheus writes a series. */
    public String title() {
        return kpi + braces(dims);
    }

    /** {@code {name="value",...}} with backslash, quote and newline escaped as Prometheus does. */
    static String braces(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(l.getKey()).append("=\"").append(l.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}
