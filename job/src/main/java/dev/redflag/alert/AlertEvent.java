package dev.redflag.alert;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Map;
import java.util.SortedMap;

/**
 * One alert transition with everything a consumer needs: which rule, the alert's labels and
 * rendered annotations, its fingerprint, and the transition itself. Written to the alerts topic,
 * printed by backtests, compared by rule tests, and (later) turned into notifications.
 *
 * @param shadow the rule is in shadow mode: recorded, never notified
 */
@TypeInfo(AlertEventTypeInfo.class)
public record AlertEvent(String ruleId, String alertname, String severity, boolean shadow, String fingerprint,
                         String kpi, String window, SortedMap<String, String> labels,
                         Map<String, String> annotations, Transition transition) {

    public Transition.Phase phase() {
        return transition.phase();
    }
}
