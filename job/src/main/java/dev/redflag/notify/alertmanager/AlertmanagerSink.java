package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Posts FIRING and RESOLVED alert events to the configured Alertmanagers, at least once: the
 * writer's checkpointed state is the alerts it was handed and has not yet had answered
 * ({@link AlertmanagerWriter}). Notifications are counted on the task manager's Prometheus
 * endpoint under integration {@code alertmanager}, one receiver per Alertmanager
 * ({@code host:port}).
 */
public final class AlertmanagerSink implements Sink<AlertEvent>, SupportsWriterState<AlertEvent, AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final AlertmanagerSettings settings;
    private final MetricsConfig metrics;

    public AlertmanagerSink(AlertmanagerSettings settings, MetricsConfig metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public StatefulSinkWriter<AlertEvent, AlertEvent> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<AlertEvent, AlertEvent> restoreWriter(WriterInitContext context,
                                                                   Collection<AlertEvent> recoveredState) {
        MetricsHub hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        try {
            return AlertmanagerWriter.open(settings, AlertmanagerClient.create(settings.retry()), hub,
                    InstantSource.system(), recoveredState);
        } catch (RuntimeException e) {
            hub.release();
            throw e;
        }
    }

    @Override
    public SimpleVersionedSerializer<AlertEvent> getWriterStateSerializer() {
        return new AlertStateSerializer();
    }
}
