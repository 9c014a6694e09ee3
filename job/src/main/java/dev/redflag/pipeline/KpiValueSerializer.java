package dev.redflag.pipeline;

import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.KpiValueJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * KPI values to the KPI topic as JSON, keyed by KPI, window and dimensions so that every series
 * stays in one partition, in order.
 */
public class KpiValueSerializer implements KafkaRecordSerializationSchema<KpiValue> {

    private final String topic;
    private transient KpiValueJson json;
    private transient StringBuilder key;

    public KpiValueSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KpiValue value, KafkaSinkContext context, Long timestamp) {
        if (json == null) {
            json = new KpiValueJson();
            key = new StringBuilder(64);
        }
        KpiKeys.start(key, value.kpi(), value.window());
        value.sortedDims().values().forEach(v -> key.append(KpiKeys.SEP).append(v));
        // the window is in the value; the record carries the producer's clock, which the broker accepts
        return new ProducerRecord<>(topic, null, null,
                key.toString().getBytes(StandardCharsets.UTF_8),
                json.bytes(value));
    }
}
