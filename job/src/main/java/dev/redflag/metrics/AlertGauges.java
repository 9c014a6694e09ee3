package dev.redflag.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code redflag_alerts}: one series per alert of a live rule that is pending or firing, in the
 * manner of Prometheus' {@code ALERTS}; the series disappears when the alert resolves.
 *
 * <p><b>A fixed label set.</b> Micrometer's Prometheus registry wants one set of label names per
 * metric and silently drops a meter that differs, while alerts of different KPIs carry different
 * dimensions. So every series has {@code alertname, severity, alertstate, kpi, window} plus every
 * dimension of the KPI catalog (known at job start), empty where the alert has no such label;
 * Prometheus treats an empty label as an absent one. Label values are taken from the alert's
 * labels, so a rule label named like a dimension (e.g. {@code team}) shows as well. Dimension
 * names are turned into label names as for the KPI gauges ({@link KpiGauges#labelName}); a
 * dimension named {@code alertstate} is exported as {@code dim_alertstate}, and one named like the alert's
 * own labels {@code alertname}, {@code severity}, {@code kpi} or {@code window} not at all (the
 * alert's labels replace it). Other rule labels are not exported:
 * they differ from rule to rule, and {@code alertname} joins to them.
 *
 * <p><b>Value.</b> The number of alerts with that label set: 1, unless two rules raise alerts
 * whose labels differ only outside the exported set. So {@code sum(redflag_alerts)} counts
 * alerts, and the series of one alert is owned by one caller at a time (see the rule operators),
 * so it appears on one endpoint only.
 *
 * <p>Registration is synchronised; alerts change when KPI windows close, not per event.
 */
public final class AlertGauges {

    /** The labels every series has before the catalog's dimensions. */
    public static final List<String> FIXED_LABELS = List.of("alertname", "severity", "alertstate", "kpi", "window");

    private static final Set<String> RESERVED = Set.of("alertname", "severity", "alertstate");
    /** Alert labels that replace a dimension of the same name, so no alert carries such a dimension. */
    private static final Set<String> OVERRIDDEN = Set.of("alertname", "severity", "kpi", "window");

    private final MeterRegistry registry;
    /** Alert label (dimension) name → exported label name. */
    private final Map<String, String> dims;
    private final Map<List<String>, Series> series = new HashMap<>();

    AlertGauges(MeterRegistry registry, Collection<String> dimensions) {
        this.registry = registry;
        Map<String, String> names = new TreeMap<>();
        for (String dim : dimensions) {
            if (!OVERRIDDEN.contains(dim)) {
                names.put(dim, labelName(dim));
            }
        }
        this.dims = Collections.unmodifiableMap(names);
    }

    /** The exported label name of a dimension. */
    public static String labelName(String dim) {
        String name = KpiGauges.labelName(dim);
        return RESERVED.contains(name) ? "dim_" + name : name;
    }

    /** Every label name of {@code redflag_alerts}, fixed ones first. */
    public List<String> labelNames() {
        List<String> names = new ArrayList<>(FIXED_LABELS);
        names.addAll(dims.values());
        return names;
    }

    /**
     * An alert is {@code state} ({@code pending} or {@code firing}, exported as {@code alertstate}
     * as in Prometheus' {@code ALERTS}) with these labels; give the
     * result back to {@link #remove} when it no longer is.
     */
    public synchronized Series add(String state, Map<String, String> labels) {
        List<String> values = new ArrayList<>(FIXED_LABELS.size() + dims.size());
        values.add(value(labels, "alertname"));
        values.add(value(labels, "severity"));
        values.add(state);
        values.add(value(labels, "kpi"));
        values.add(value(labels, "window"));
        for (String dim : dims.keySet()) {
            values.add(value(labels, dim));
        }
        Series s = series.get(values);
        if (s == null) {
            s = new Series(values);
            List<Tag> tags = new ArrayList<>(values.size());
            List<String> names = labelNames();
            for (int i = 0; i < values.size(); i++) {
                tags.add(Tag.of(names.get(i), values.get(i)));
            }
            s.gauge = Gauge.builder("redflag_alerts", s.alerts, AtomicInteger::get)
                    .description("Alerts of live rules that are pending or firing, like Prometheus' ALERTS")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            series.put(values, s);
        }
        s.alerts.incrementAndGet();
        return s;
    }

    private static String value(Map<String, String> labels, String name) {
        String value = labels.get(name);
        return value == null ? "" : value;
    }

    /** One alert given by {@link #add} is no longer pending or firing in that state. */
    public synchronized void remove(Series s) {
        if (s.alerts.decrementAndGet() == 0 && series.remove(s.values, s)) {
            registry.remove(s.gauge);
        }
    }

    /** One exported series; opaque to callers. */
    public static final class Series {
        private final List<String> values;
        private final AtomicInteger alerts = new AtomicInteger();
        private Gauge gauge;

        private Series(List<String> values) {
            this.values = values;
        }
    }
}
