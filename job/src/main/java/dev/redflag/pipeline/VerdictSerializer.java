package dev.redflag.pipeline;

import dev.redflag.alert.feedback.Feedback;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Joined verdicts to the alerts topic ({@link Feedback#toAlertsTopicJson}), keyed by fingerprint as
 * the transitions are, so an alert's verdict follows its firing in the partition.
 */
final class VerdictSerializer implements KafkaRecordSerializationSchema<Feedback> {

    private final String topic;

    VerdictSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Feedback verdict, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, verdict.fingerprint().getBytes(StandardCharsets.UTF_8),
                verdict.toAlertsTopicJson().getBytes(StandardCharsets.UTF_8));
    }
}
