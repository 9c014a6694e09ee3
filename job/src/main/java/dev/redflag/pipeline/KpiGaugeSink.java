package dev.redflag.pipeline;

import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.KpiGauges;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** KPI values to gauges on the task manager's Prometheus endpoint (Sink V2). */
public class KpiGaugeSink implements Sink<KpiValue> {

    private final MetricsConfig metrics;

    public KpiGaugeSink(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public SinkWriter<KpiValue> createWriter(WriterInitContext context) {
        MetricsHub hub = MetricsHub.shared(metrics.port());
        KpiGauges gauges = hub.kpiGauges(metrics.maxSeriesPerKpi());
        return new SinkWriter<>() {
            @Override
            public void write(KpiValue v, Context context) {
                gauges.record(v.kpi(), v.window(), v.dims(), v.value());
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
