package dev.redflag.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Alert transitions as {@code redflag_alert_transitions_total{alertname, state, mode}}, shadow
 * rules included, so a rule in shadow mode proves itself on a dashboard before it pages anyone.
 * Label values are rule names and fixed words, so the series count is bounded by the rule set.
 * The rule operators {@link #expect} every rule of each rule set they get, so its counters exist
 * at 0 before its first transition and {@code increase()} counts that one too.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> transitions = new ConcurrentHashMap<>();

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final String[] STATES = {"pending", "firing", "resolved"};

    public void transition(String alertname, String state, boolean shadow) {
        counter(alertname, state, shadow).increment();
    }

    /** The counters of every state of the rule's alert, at 0 if new. */
    public void expect(String alertname, boolean shadow) {
        for (String state : STATES) {
            counter(alertname, state, shadow);
        }
    }

    private Counter counter(String alertname, String state, boolean shadow) {
        String mode = shadow ? "shadow" : "live";
        return transitions.computeIfAbsent(alertname + '\u001f' + state + '\u001f' + mode, k -> Counter
                .builder("redflag_alert_transitions")
                .description("Alert transitions, by alert, state and rule mode")
                .tag("alertname", alertname).tag("state", state).tag("mode", mode)
                .register(registry));
    }
}
