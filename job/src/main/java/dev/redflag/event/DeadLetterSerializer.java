package dev.redflag.event;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Writes a dead letter as the original key and value, byte for byte, with the reason and source
 * coordinates in headers (the convention of Kafka Connect's dead-letter queues), so the record can
 * be inspected and replayed as it arrived.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    public static final String REASON = "redflag.dlq.reason";
    public static final String DETAIL = "redflag.dlq.detail";
    public static final String TOPIC = "redflag.dlq.topic";
    public static final String PARTITION = "redflag.dlq.partition";
    public static final String OFFSET = "redflag.dlq.offset";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context,
                                                    Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason().label()));
        headers.add(DETAIL, utf8(letter.detail()));
        headers.add(TOPIC, utf8(letter.topic()));
        headers.add(PARTITION, utf8(Integer.toString(letter.partition())));
        headers.add(OFFSET, utf8(Long.toString(letter.offset())));
        // stamped when rejected: the record's own time may be the very thing that was wrong, and the
        // broker refuses timestamps too far from its clock
        return new ProducerRecord<>(topic, null, null, letter.key(), letter.raw(), headers);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
