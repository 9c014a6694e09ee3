package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.JobConfig;
import dev.redflag.config.KafkaConfig;
import dev.redflag.event.DeadLetterSerializer;
import dev.redflag.event.Envelope;
import dev.redflag.event.EnvelopeDeserializer;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.AlertMetrics;
import dev.redflag.metrics.KpiGauges;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Locale;
import java.util.Properties;

/**
 * The live job: Kafka events in, KPI values out to the KPI topic and the Prometheus endpoint, dead
 * letters to their topic; rule sets from the rules topic, alert transitions to the alerts topic and
 * the Prometheus endpoint. Extra sinks (the demo's console) attach to the returned outputs.
 */
public final class RedflagJob {

    private RedflagJob() {
    }

    public static Outputs define(StreamExecutionEnvironment env, JobConfig config, KpiCatalog catalog) {
        KafkaConfig kafka = config.kafka();
        DataStream<Envelope> envelopes = env.fromSource(source(kafka),
                GuardedWatermarks.strategy(config.eventTime().maxOutOfOrderness(),
                        config.eventTime().maxFutureSkew(), config.eventTime().idleness()),
                "kafka-events").uid("kafka-events");
        KpiPipeline.Outputs outputs = KpiPipeline.build(envelopes, catalog, config.eventTime(),
                config.kpis().entityTtl(), new MeteredGateCounters(config.metrics()));
        outputs.deadLetters()
                .sinkTo(sink(kafka, new DeadLetterSerializer(kafka.deadLetterTopic())))
                .name("dead-letter-topic").uid("dead-letter-topic");
        outputs.kpis()
                .sinkTo(sink(kafka, new KpiValueSerializer(kafka.kpiTopic())))
                .name("kpi-topic").uid("kpi-topic");
        int cap = config.metrics().maxSeriesPerKpi();
        outputs.kpis().sinkTo(new MetricsSink<KpiValue>(config.metrics(), hub -> {
            KpiGauges gauges = hub.kpiGauges(cap);
            return v -> gauges.record(v.kpi(), v.window(), v.dims(), v.value());
        })).name("kpi-gauges").uid("kpi-gauges");
        DataStream<String> bundles = env.fromSource(rulesSource(config), RuleBundleWatermarks.strategy(),
                "kafka-rules").uid("kafka-rules").setParallelism(1);
        DataStream<AlertEvent> alerts = AlertPipeline.build(outputs.kpis(), bundles, catalog,
                AlertLifecycle.DEFAULT, config.metrics());
        alerts.sinkTo(sink(kafka, new AlertEventSerializer(kafka.alertsTopic())))
                .name("alerts-topic").uid("alerts-topic");
        alerts.sinkTo(new MetricsSink<AlertEvent>(config.metrics(), hub -> {
            AlertMetrics counters = hub.alertMetrics();
            return e -> counters.transition(e.alertname(), e.phase().name().toLowerCase(Locale.ROOT), e.shadow());
        })).name("alert-metrics").uid("alert-metrics");
        return new Outputs(outputs, alerts);
    }

    /** What the live job produces, for callers that attach more sinks (the demo's console). */
    public record Outputs(KpiPipeline.Outputs kpis, DataStream<AlertEvent> alerts) {
    }

    /**
     * The rules topic from its beginning: a compacted topic ends on the latest rule set. Each job
     * reads all of it, so the consumer group is the job's own with a suffix.
     */
    static KafkaSource<String> rulesSource(JobConfig config) {
        KafkaConfig kafka = config.kafka();
        return KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.rulesTopic())
                .setGroupId(kafka.groupId() + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperties(properties(kafka))
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
    }

    static KafkaSource<Envelope> source(KafkaConfig kafka) {
        OffsetsInitializer start = switch (kafka.startFrom()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
        return KafkaSource.<Envelope>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.eventTopics())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(start)
                .setProperties(properties(kafka))
                .setDeserializer(new EnvelopeDeserializer())
                .build();
    }

    /** At least once: a replay after a failure may write a dead letter or KPI value twice. */
    private static <T> KafkaSink<T> sink(KafkaConfig kafka, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(properties(kafka))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static Properties properties(KafkaConfig kafka) {
        Properties p = new Properties();
        p.putAll(kafka.properties());
        return p;
    }
}
