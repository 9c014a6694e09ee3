package dev.redflag.pipeline;

import dev.redflag.config.JobConfig;
import dev.redflag.config.KafkaConfig;
import dev.redflag.event.DeadLetterSerializer;
import dev.redflag.event.Envelope;
import dev.redflag.event.EnvelopeDeserializer;
import dev.redflag.kpi.KpiCatalog;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Properties;

/**
 * The live job: Kafka events in, KPI values out to the KPI topic and the Prometheus endpoint, dead
 * letters to their topic. Extra sinks (the demo's console) attach to the returned outputs.
 */
public final class RedflagJob {

    private RedflagJob() {
    }

    public static KpiPipeline.Outputs define(StreamExecutionEnvironment env, JobConfig config,
                                             KpiCatalog catalog) {
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
        outputs.kpis().sinkTo(new KpiGaugeSink(config.metrics()))
                .name("kpi-gauges").uid("kpi-gauges");
        return outputs;
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
