package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Alert transitions to the alerts topic as JSON, keyed by fingerprint so each alert stays in order. */
public class AlertEventSerializer implements KafkaRecordSerializationSchema<AlertEvent> {

    private final String topic;
    private transient AlertEventJson json;

    public AlertEventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlertEvent event, KafkaSinkContext context, Long timestamp) {
        if (json == null) {
            json = new AlertEventJson();
        }
        return new ProducerRecord<>(topic, null, null, event.fingerprint().getBytes(StandardCharsets.UTF_8),
                json.write(event).getBytes(StandardCharsets.UTF_8));
    }
}
