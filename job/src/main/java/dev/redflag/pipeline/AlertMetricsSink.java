package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.AlertMetrics;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Locale;

/** Alert transitions counted on the task manager's Prometheus endpoint (Sink V2). */
public class AlertMetricsSink implements Sink<AlertEvent> {

    private final MetricsConfig metrics;

    public AlertMetricsSink(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public SinkWriter<AlertEvent> createWriter(WriterInitContext context) {
        MetricsHub hub = MetricsHub.shared(metrics.port());
        AlertMetrics counters = hub.alertMetrics();
        return new SinkWriter<>() {
            @Override
            public void write(AlertEvent e, Context context) {
                counters.transition(e.alertname(), e.phase().name().toLowerCase(Locale.ROOT), e.shadow());
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
                hub.release();
            }
        };
    }
}
