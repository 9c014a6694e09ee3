package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.state.KeyedStateFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * What a rule operator does for every key when a new rule set drops rules: removes their alert
 * states and resolves the ones that were firing, so no alert is left firing for a rule that no
 * longer exists.
 */
final class DroppedRules {

    /** The latest value of a key as far as the alert state knows it (labels come from it). */
    @FunctionalInterface
    interface LastValue {
        KpiValue of(String key, Rule rule, AlertState state);
    }

    private DroppedRules() {
    }

    static KeyedStateFunction<String, MapState<String, AlertState>> resolver(
            ActiveRules previous, List<Rule> dropped, SeriesAlerts series, long now, LastValue last,
            Collector<AlertEvent> out) {
        return (key, states) -> {
            for (Rule rule : dropped) {
                AlertState s = states.get(rule.id());
                if (s == null) {
                    continue;
                }
                states.remove(rule.id());
                AlertEvent resolved = series.removed(previous, rule, s, last.of(key, rule, s),
                        Math.max(now, s.updatedAt()));
                if (resolved != null) {
                    out.collect(resolved);
                }
            }
        };
    }
}
