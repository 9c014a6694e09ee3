package dev.redflag.pipeline;

import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import org.apache.flink.api.common.state.MapState;

import java.util.HashMap;
import java.util.Map;

/**
 * The alert states of the current key, in Flink map state by rule id. Tells the subtask's
 * {@code redflag_alerts} gauges when an alert of the key becomes inactive, which a pending alert
 * does without a transition.
 */
final class AlertStatesInState implements SeriesAlerts.States {

    private final MapState<String, AlertState> states;
    private final ActiveAlertGauges gauges;
    private final String key;
    /**
     * What this key's states are, by rule id, as read or written through this object; a rule absent
     * from state maps to null. One object serves one value or timer of one key, and a step asks for
     * an alert's state up to three times (deadlines before the value, the judgement, the next
     * deadline): on RocksDB each would be a read and a deserialization.
     */
    private final Map<String, AlertState> known = new HashMap<>(4);

    AlertStatesInState(MapState<String, AlertState> states, ActiveAlertGauges gauges, String key) {
        this.states = states;
        this.gauges = gauges;
        this.key = key;
    }

    @Override
    public AlertState get(String ruleId) throws Exception {
        if (known.containsKey(ruleId)) {
            return known.get(ruleId);
        }
        AlertState state = states.get(ruleId);
        known.put(ruleId, state);
        return state;
    }

    @Override
    public void put(String ruleId, AlertState state) throws Exception {
        states.put(ruleId, state);
        known.put(ruleId, state);
        if (state.phase() == AlertState.Phase.INACTIVE) {
            gauges.inactive(key, ruleId);
        }
    }

    /** A quiet series' alert stays absent at every value: no delete is written for a state that is not there. */
    @Override
    public void remove(String ruleId) throws Exception {
        if (!known.containsKey(ruleId) || known.get(ruleId) != null) {
            states.remove(ruleId);
            known.put(ruleId, null);
        }
        gauges.inactive(key, ruleId);
    }
}
