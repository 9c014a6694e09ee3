package dev.redflag.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The latest value of every KPI series as a Prometheus gauge, so Grafana can chart exactly
 * what the rules see.
 *
 * <p><b>One metric name per KPI.</b> A KPI {@code bounce_rate} by {@code page} is exported
 * as {@code redflag_kpi_bounce_rate{page="/pricing",window="1h"}}. A single
 * {@code redflag_kpi_value{kpi=...}} metric is not possible: micrometer's Prometheus
 * registry requires every meter of one name to have the same tag keys and silently
 * ignores a meter that differs, and KPIs have different dimensions. For the same reason
 * the first series of a KPI fixes its label names; a later series of that KPI with other
 * dimension names is not exported and is counted as dropped with
 * {@code reason="label_mismatch"}.
 *
 * <p><b>Unit.</b> A KPI of the catalog ({@link #expect}) carries its unit as a {@code unit} label
 * ({@code ratio}, {@code points}, {@code hours}, {@code currency}, {@code count}, {@code value} or
 * what a user KPI declares), the way a Prometheus metric name ends in its unit, but without
 * renaming the metric that dashboards and rules query.
 *
 * <p><b>Label names.</b> Dimension names become labels with characters outside
 * {@code [a-zA-Z0-9_]} replaced by {@code _}; {@code kpi}, {@code window}, {@code unit} and names
 * starting with {@code __} (reserved by Prometheus) get a {@code dim_} prefix. KPI names
 * are sanitised the same way; the KPI names {@code series_dropped} and {@code values} would
 * clash with the counters below and are exported as {@code redflag_kpi_kpi_<name>}.
 *
 * <p><b>Cardinality cap.</b> At most {@code maxSeriesPerKpi} series per KPI are exported;
 * every recording of a series beyond the cap is counted in
 * {@code redflag_kpi_series_dropped_total{kpi,reason="cap"}} and logged once per KPI.
 * Series are never removed: the value of a series that stops updating stays at its last
 * value.
 *
 * <p>Each series is a registered gauge reading a double held in an {@link AtomicLong}, so
 * an update is one atomic write and registers nothing. Safe to use from many threads.
 */
public final class KpiGauges {

    private static final Logger LOG = LoggerFactory.getLogger(KpiGauges.class);
    private static final Pattern NOT_LABEL_CHAR = Pattern.compile("[^a-zA-Z0-9_]");
    private static final Set<String> RESERVED_LABELS = Set.of("kpi", "window", "unit");
    private static final Set<String> RESERVED_KPI_NAMES = Set.of("series_dropped", "values");

    private final MeterRegistry registry;
    private final int maxSeriesPerKpi;
    private final ConcurrentHashMap<String, PerKpi> kpis = new ConcurrentHashMap<>();

    public KpiGauges(MeterRegistry registry, int maxSeriesPerKpi) {
        if (maxSeriesPerKpi < 1) {
            throw new IllegalArgumentException("maxSeriesPerKpi must be 1 or more, got " + maxSeriesPerKpi);
        }
        this.registry = registry;
        this.maxSeriesPerKpi = maxSeriesPerKpi;
    }

    /**
     * Sets the value of the series {@code (kpi, window, dims)}, registering it on first use.
     *
     * @param window the window label, e.g. {@code 1h} or {@code 1d/1h}
     * @param dims   dimension name to value, e.g. {@code page -> /pricing}; null values
     *               are exported as empty
     */
    public void record(String kpi, String window, Map<String, String> dims, double value) {
        if (dims == null) {
            dims = Map.of();
        }
        PerKpi perKpi = kpis.computeIfAbsent(kpi, PerKpi::new);
        AtomicLong cell = perKpi.series.get(new SeriesKey(window, dims));
        if (cell == null) {
            cell = perKpi.register(window, dims);
            if (cell == null) {
                return;
            }
        }
        cell.set(Double.doubleToRawLongBits(value));
    }

    /**
     * A KPI of the catalog: its series carry {@code unit} as their {@code unit} label, and its dropped
     * counters exist at 0 before anything is dropped. Call it before the KPI's first {@link #record}.
     */
    public void expect(String kpi, String unit) {
        PerKpi perKpi = kpis.computeIfAbsent(kpi, PerKpi::new);
        perKpi.unit(unit);
        perKpi.dropped("cap", 0);
        perKpi.dropped("label_mismatch", 0);
    }

    /** How many series of the KPI are exported. */
    public int seriesCount(String kpi) {
        PerKpi perKpi = kpis.get(kpi);
        return perKpi == null ? 0 : perKpi.series.size();
    }

    /** The Prometheus metric name of a KPI. */
    public static String metricName(String kpi) {
        String name = NOT_LABEL_CHAR.matcher(kpi).replaceAll("_");
        if (RESERVED_KPI_NAMES.contains(name)) {
            name = "kpi_" + name;
        }
        return "redflag_kpi_" + name;
    }

    /** The Prometheus label name of a dimension. */
    public static String labelName(String dim) {
        String name = NOT_LABEL_CHAR.matcher(dim).replaceAll("_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        if (RESERVED_LABELS.contains(name) || name.startsWith("__")) {
            name = "dim_" + name;
        }
        return name;
    }

    private record SeriesKey(String window, Map<String, String> dims) {
    }

    /** The series of one KPI; registration is serialised per KPI, updates are not. */
    private final class PerKpi {
        private final String kpi;
        private final String metricName;
        private final Map<SeriesKey, AtomicLong> series = new ConcurrentHashMap<>();
        private List<String> labelNames;
        /** The dimension names of the first series, whose label names {@link #labelNames} are. */
        private Set<String> dimNames;
        private final Map<String, Counter> droppedCounters = new HashMap<>();
        private String unit;
        private boolean capLogged;
        private boolean mismatchLogged;

        PerKpi(String kpi) {
            this.kpi = kpi;
            this.metricName = metricName(kpi);
        }

        synchronized void unit(String unit) {
            if (this.unit == null && labelNames == null) {
                this.unit = unit;
            }
        }

        synchronized AtomicLong register(String window, Map<String, String> dims) {
            AtomicLong existing = series.get(new SeriesKey(window, dims));
            if (existing != null) {
                return existing; // another thread registered it first
            }
            if (series.size() >= maxSeriesPerKpi && dims.keySet().equals(dimNames)) {
                // the labels of the first series, so no mismatch: over the cap, and known so without
                // building them (at many series every recording of a KPI past its cap comes here)
                return overCap();
            }
            SeriesKey key = new SeriesKey(window, new HashMap<>(dims));
            TreeMap<String, String> labels = new TreeMap<>();
            dims.forEach((name, value) -> labels.put(labelName(name), value == null ? "" : value));
            List<String> names = new ArrayList<>(labels.keySet());
            if (labelNames == null) {
                labelNames = names;
                dimNames = Set.copyOf(dims.keySet());
            } else if (!labelNames.equals(names)) {
                if (!mismatchLogged) {
                    mismatchLogged = true;
                    LOG.warn("KPI {} is exported with dimensions {}; series with dimensions {} are not exported",
                            kpi, labelNames, names);
                }
                dropped("label_mismatch", 1);
                return null;
            }
            if (series.size() >= maxSeriesPerKpi) {
                return overCap();
            }
            List<Tag> tags = new ArrayList<>();
            tags.add(Tag.of("window", window));
            if (unit != null) {
                tags.add(Tag.of("unit", unit));
            }
            labels.forEach((name, value) -> tags.add(Tag.of(name, value)));
            AtomicLong cell = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
            Gauge.builder(metricName, cell, c -> Double.longBitsToDouble(c.get()))
                    .description("Latest value of KPI " + kpi + " per window")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            series.put(key, cell);
            return cell;
        }

        private AtomicLong overCap() {
            if (!capLogged) {
                capLogged = true;
                LOG.warn("KPI {} has more than {} series; the rest are not exported (metrics.max-series-per-kpi)",
                        kpi, maxSeriesPerKpi);
            }
            dropped("cap", 1);
            return null;
        }

        synchronized void dropped(String reason, int count) {
            droppedCounters.computeIfAbsent(reason, r -> Counter.builder("redflag_kpi_series_dropped")
                    .description("KPI recordings not exported because of the series cap or a label mismatch")
                    .tag("kpi", kpi)
                    .tag("reason", r)
                    .register(registry)).increment(count);
        }
    }
}
