package dev.redflag.pipeline;

import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import org.apache.flink.api.common.state.MapState;

/**
 * The alert states of the current key, in Flink map state by rule id. Tells the subtask's
 * {@code redflag_alerts} gauges when an alert of the key becomes inactive, which a pending alert
 * does without a transition.
 */
final class AlertStatesInState implements SeriesAlerts.States {

    private final MapState<String, AlertState> states;
    private final ActiveAlertGauges gauges;
    private final String key;

    AlertStatesInState(MapState<String, AlertState> states, ActiveAlertGauges gauges, String key) {
        this.states = states;
        this.gauges = gauges;
        this.key = key;
    }

    @Override
    public AlertState get(String ruleId) throws Exception {
        return states.get(ruleId);
    }

    @Override
    public void put(String ruleId, AlertState state) throws Exception {
        states.put(ruleId, state);
        if (state.phase() == AlertState.Phase.INACTIVE) {
            gauges.inactive(key, ruleId);
        }
    }

    @Override
    public void remove(String ruleId) throws Exception {
        states.remove(ruleId);
        gauges.inactive(key, ruleId);
    }
}
