package dev.redflag.rules;

import dev.redflag.labels.Matcher;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alerting rule as loaded from a rule file: which KPI series it watches, the condition that
 * makes it active, and how the alert it drives behaves over time. Immutable and serializable: rule
 * sets are shipped to Flink operators and broadcast when they change.
 *
 * @param group          name of the rule group
 * @param alert          alert name, unique within its group
 * @param kpi            KPI name
 * @param window         KPI window label the rule reads (e.g. {@code 1h}); null = the KPI's first window
 * @param matchers       only KPI series whose dims match all of these (equality, regex or negation)
 * @param condition      when the rule is active for a series
 * @param minSample      series values with fewer samples (denominator for ratio KPIs) are not judged
 * @param pendingFor     {@code for}: how long the condition must hold before the alert fires
 * @param keepFiringFor  how long a firing alert stays firing after the condition stops holding
 * @param recovery       value-based hysteresis: once firing, the alert resolves only when this holds
 *                       (null = when the condition stops holding)
 * @param severity       e.g. critical, warning, info
 * @param labels         extra labels added to the alert
 * @param annotations    templates (logic-less, Mustache-style) rendered per alert
 * @param mode           live rules notify; shadow rules are evaluated and recorded but never notified
 * @param origin         file:line:column of the rule, for messages
 */
public record Rule(String group, String alert, String kpi, String window, List<Matcher> matchers,
                   Condition condition, long minSample, Duration pendingFor, Duration keepFiringFor,
                   Condition recovery, String severity, Map<String, String> labels,
                   Map<String, String> annotations, Mode mode, String origin) implements Serializable {

    public Rule {
        matchers = List.copyOf(matchers);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The rule's identity across reloads: group and alert name. */
    public String id() {
        return group + "/" + alert;
    }

    public enum Mode {
        LIVE, SHADOW
    }
}
