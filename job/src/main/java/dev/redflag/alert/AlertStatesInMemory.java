package dev.redflag.alert;

import java.util.HashMap;
import java.util.Map;

/** Alert states of one series in a map: for replays, rule tests and benchmarks, where the job has Flink map state. */
public final class AlertStatesInMemory implements SeriesAlerts.States {

    private final Map<String, AlertState> states = new HashMap<>();

    @Override
    public AlertState get(String ruleId) {
        return states.get(ruleId);
    }

    @Override
    public void put(String ruleId, AlertState state) {
        states.put(ruleId, state);
    }

    @Override
    public void remove(String ruleId) {
        states.remove(ruleId);
    }
}
