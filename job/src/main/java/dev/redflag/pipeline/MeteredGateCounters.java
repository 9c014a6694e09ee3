package dev.redflag.pipeline;

import dev.redflag.config.MetricsConfig;
import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.EventType;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.metrics.PipelineMetrics;

/** Gate counters on the task manager's Prometheus endpoint. */
final class MeteredGateCounters implements GateCounters.Factory {

    private final MetricsConfig metrics;

    MeteredGateCounters(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public GateCounters create() {
        MetricsHub hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        PipelineMetrics counters = hub.pipelineMetrics();
        return new GateCounters() {
            @Override
            public void eventIn(EventType type) {
                counters.eventIn(type);
            }

            @Override
            public void lateEvent(EventType type) {
                counters.lateEvent(type);
            }

            @Override
            public void deadLetter(DeadLetterReason reason) {
                counters.deadLetter(reason);
            }

            @Override
            public void close() {
                hub.release();
            }
        };
    }
}
