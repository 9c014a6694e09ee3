package dev.redflag.alert;

import dev.redflag.rules.eval.ChartData;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Map;
import java.util.SortedMap;

/**
 * One alert transition with everything a consumer needs: which rule, the alert's labels and
 * rendered annotations, its fingerprint, and the transition itself. Written to the alerts topic,
 * printed by backtests, compared by rule tests, and (later) turned into notifications.
 *
 * @param shadow the rule is in shadow mode: recorded, never notified
 * @param chart  the series around the alert ({@link dev.redflag.rules.eval.RuleChart}); on firing
 *               transitions of value-judged rules only, null otherwise
 */
@TypeInfo(AlertEventTypeInfo.class)
public record AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                         String kpi, String window, SortedMap<String, String> labels,
                         Map<String, String> annotations, Transition transition, ChartData chart) {

    /** A transition without chart. */
    public AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                      String kpi, String window, SortedMap<String, String> labels, Map<String, String> annotations,
                      Transition transition) {
        this(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations, transition, null);
    }

    /** The same event with a chart. */
    public AlertEvent withChart(ChartData chart) {
        return new AlertEvent(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations,
                transition, chart);
    }

    public Transition.Phase phase() {
        return transition.phase();
    }
}
