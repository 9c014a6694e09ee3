package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The label set of the alert a rule raises for one KPI series: what routes, groups, silences and
 * {@link Fingerprint fingerprints} it, and what Alertmanager and the {@code redflag_alerts} gauge
 * show. Sorted by name so every rendering is the same.
 *
 * <p>Contents: the series' dims, then the rule's labels (a rule label wins over a dim of the same
 * name; rule files should not do that, and validation may refuse it), then the reserved labels
 * {@code alertname} (the rule's alert name), {@code severity} (when the rule sets one),
 * {@code kpi} and {@code window} (from the value), which always win so that an alert's identity
 * cannot be renamed by data or by a label.
 */
public final class AlertLabels {

    private AlertLabels() {
    }

    public static SortedMap<String, String> of(Rule rule, KpiValue value) {
        SortedMap<String, String> labels = new TreeMap<>(value.dims());
        labels.putAll(rule.labels());
        if (rule.severity() != null && !rule.severity().isEmpty()) {
            labels.put("severity", rule.severity());
        }
        labels.put("alertname", rule.alert());
        labels.put("kpi", value.kpi());
        labels.put("window", value.window());
        return Collections.unmodifiableSortedMap(labels);
    }
}
