package dev.redflag.event;

import java.util.Map;

/** A sample of a metric computed elsewhere; its labels are the {@code dims}. */
public record MetricEvent(long ts, String tenant, Map<String, String> dims, String name,
                          double value) implements Event {
    @Override
    public EventType type() {
        return EventType.METRIC;
    }
}
