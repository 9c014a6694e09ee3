package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Fingerprint;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.WindowSpec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Alert events as the lifecycle emits them, with the reserved labels set as {@code AlertLabels} sets them. */
public final class TestAlerts {

    public static final long WINDOW_START = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    public static final long WINDOW_END = Instant.parse("2026-11-02T11:00:00Z").toEpochMilli();

    private final String group;
    private final String alertname;
    private final String severity;
    private final String kpi;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private KpiFormat format;

    private TestAlerts(String group, String alertname, String severity, String kpi) {
        this.group = group;
        this.alertname = alertname;
        this.severity = severity;
        this.kpi = kpi;
        this.format = KpiCatalog.builtins(java.util.List.of(WindowSpec.parse("1h"))).format(kpi);
    }

    public static TestAlerts rule(String group, String alertname, String severity, String kpi) {
        return new TestAlerts(group, alertname, severity, kpi);
    }

    /** How the KPI's numbers read, for a KPI the seed catalog does not have (its own is the default). */
    public TestAlerts format(KpiFormat kpiFormat) {
        this.format = kpiFormat;
        return this;
    }

    public TestAlerts annotation(String name, String value) {
        annotations.put(name, value);
        return this;
    }

    public AlertEvent firing(Map<String, String> dims, double value, double baseline, double change) {
        return event(dims, Transition.Phase.FIRING, value, baseline, change, false);
    }

    public AlertEvent resolved(Map<String, String> dims) {
        return event(dims, Transition.Phase.RESOLVED, 0.1, 0.2, -50, false);
    }

    public AlertEvent pending(Map<String, String> dims) {
        return event(dims, Transition.Phase.PENDING, 0.4, 0.2, 100, false);
    }

    public AlertEvent event(Map<String, String> dims, Transition.Phase phase, double value, double baseline, double change,
                     boolean flapping) {
        SortedMap<String, String> labels = new TreeMap<>(dims);
        labels.put("alertname", alertname);
        labels.put("severity", severity);
        labels.put("kpi", kpi);
        labels.put("window", "1h");
        String ruleId = group + "/" + alertname;
        long firedAt = WINDOW_END - 15 * 60_000;
        long endsAt = phase == Transition.Phase.RESOLVED ? WINDOW_END : AlertState.NO_TIME;
        Transition t = new Transition(phase, WINDOW_END, firedAt, endsAt, value, baseline, change,
                WINDOW_START, WINDOW_END, flapping);
        return new AlertEvent(ruleId, alertname, severity, false, Fingerprint.of(ruleId, labels), kpi, "1h",
                labels, new LinkedHashMap<>(annotations), t, format.texts(value, baseline));
    }
}
