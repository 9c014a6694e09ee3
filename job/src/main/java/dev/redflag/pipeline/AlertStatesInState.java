package dev.redflag.pipeline;

import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import org.apache.flink.api.common.state.MapState;

/** The alert states of the current key, in Flink map state by rule id. */
final class AlertStatesInState implements SeriesAlerts.States {

    private final MapState<String, AlertState> states;

    AlertStatesInState(MapState<String, AlertState> states) {
        this.states = states;
    }

    @Override
    public AlertState get(String ruleId) throws Exception {
        return states.get(ruleId);
    }

    @Override
    public void put(String ruleId, AlertState state) throws Exception {
        states.put(ruleId, state);
    }

    @Override
    public void remove(String ruleId) throws Exception {
        states.remove(ruleId);
    }
}
