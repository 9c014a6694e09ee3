package dev.redflag.pipeline;

import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.ExpiredContributions;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.metrics.PipelineMetrics;

/** The window operator's expired contributions on the task manager's Prometheus endpoint. */
final class MeteredExpiredContributions implements ExpiredContributions.Factory {

    private final MetricsConfig metrics;

    MeteredExpiredContributions(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public ExpiredContributions create() {
        MetricsHub hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        PipelineMetrics counters = hub.pipelineMetrics();
        return new ExpiredContributions() {
            @Override
            public void dropped(String kpi) {
                counters.expiredContribution(kpi);
            }

            @Override
            public void close() {
                hub.release();
            }
        };
    }
}
