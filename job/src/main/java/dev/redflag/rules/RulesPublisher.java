package dev.redflag.rules;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Writes rule bundles to the rules topic under one fixed key, so that a compacted topic keeps
 * exactly the latest rule set and a job starting from the beginning of the topic ends on it.
 */
public final class RulesPublisher implements AutoCloseable {

    /** The one key of the rules topic. */
    public static final byte[] KEY = "rules".getBytes(StandardCharsets.UTF_8);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    public RulesPublisher(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    /** Publishes and waits for the broker's acknowledgement; returns the record's offset. */
    public long publish(RuleBundle bundle) throws ExecutionException, InterruptedException {
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, KEY, bundle.toJson())).get();
        return meta.offset();
    }

    @Override
    public void close() {
        producer.close();
    }
}
