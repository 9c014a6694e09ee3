package dev.redflag.alert;

import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.ValueText;
import dev.redflag.rules.eval.ChartData;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One alert transition with everything a consumer needs: which rule, the alert's labels and
 * rendered annotations, its fingerprint, and the transition itself. Written to the alerts topic,
 * printed by backtests, compared by rule tests, and (later) turned into notifications.
 *
 * @param shadow    the rule is in shadow mode: recorded, never notified
 * @param valueText the transition's value, baseline and change as people read them, in the
 *                  format of the KPI's unit ({@code 66.7%}, {@code +21 points})
 * @param chart     the series around the alert ({@link dev.redflag.rules.eval.RuleChart}); on firing
 *                  transitions of value-judged rules only, null otherwise
 * @param examples  events that illustrate the problem ({@link AlertExample}), on firings of KPIs
 *                  with examples; empty otherwise
 */
@TypeInfo(AlertEventTypeInfo.class)
public record AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                         String kpi, String window, SortedMap<String, String> labels,
                         Map<String, String> annotations, Transition transition, ValueText valueText,
                         ChartData chart, List<AlertExample> examples) {

    /**
     * The annotation a firing carries when its KPI is sliced: what explains the change, one line per
     * named slice ({@code channel=paid: 40% → 90% on 33% of sessions, all of the rise}).
     */
    public static final String WHY = "why";

    /** The annotation that names the slice whose shift fired the alert, when a slice did and the series did not. */
    public static final String SLICE = "slice";

    /** The annotation a firing carries when its KPI keeps examples: one example per line. */
    public static final String EXAMPLES = AlertExamples.ANNOTATION;

    public AlertEvent {
        valueText = valueText == null ? ValueText.NONE : valueText;
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** A transition without examples. */
    public AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                      String kpi, String window, SortedMap<String, String> labels,
                      Map<String, String> annotations, Transition transition, ValueText valueText,
                      ChartData chart) {
        this(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations, transition, valueText,
                chart, List.of());
    }

    /** A transition without chart. */
    public AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                      String kpi, String window, SortedMap<String, String> labels,
                      Map<String, String> annotations, Transition transition, ValueText valueText) {
        this(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations, transition, valueText,
                null);
    }

    /** An alert whose KPI's unit is unknown: its numbers read {@link KpiFormat#PLAIN plain}; no chart. */
    public AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                      String kpi, String window, SortedMap<String, String> labels,
                      Map<String, String> annotations, Transition transition) {
        this(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations, transition,
                KpiFormat.PLAIN.texts(transition.value(), transition.baseline()));
    }

    /** The same event with a chart. */
    public AlertEvent withChart(ChartData chart) {
        return new AlertEvent(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations,
                transition, valueText, chart, examples);
    }

    /** The same event with examples. */
    public AlertEvent withExamples(List<AlertExample> newExamples) {
        return new AlertEvent(ruleId, alertname, severity, shadow, fingerprint, kpi, window, labels, annotations,
                transition, valueText, chart, newExamples);
    }

    public Transition.Phase phase() {
        return transition.phase();
    }
}
