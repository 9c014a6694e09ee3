package dev.redflag.pipeline;

import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * A Sink V2 that records each element on the task manager's Prometheus endpoint: it takes a
 * reference to the shared hub when the writer opens and gives it back when it closes.
 */
public class MetricsSink<T> implements Sink<T> {

    /** Makes, on the task manager, what records one element into the hub's meters. */
    @FunctionalInterface
    public interface Recorder<T> extends Serializable {
        Consumer<T> create(MetricsHub hub);
    }

    private final MetricsConfig metrics;
    private final Recorder<T> recorder;

    public MetricsSink(MetricsConfig metrics, Recorder<T> recorder) {
        this.metrics = metrics;
        this.recorder = recorder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        MetricsHub hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        Consumer<T> record = recorder.create(hub);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                record.accept(element);
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
