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
 * Writes to the rules topic, the job's compacted configuration topic: rule bundles under
 * {@link #KEY}, the silences file under {@link #SILENCES_KEY}. One fixed key per kind of content
 * means the compacted topic keeps exactly the latest of each, and a job reading the topic from its
 * beginning ends on the latest rule set and the latest silences.
 */
public final class RulesPublisher implements AutoCloseable {

    /** The key of rule bundles ({@link RuleBundle#toJson()}). */
    public static final byte[] KEY = "rules".getBytes(StandardCharsets.UTF_8);

    /** The key of the silences file, whose value is the file's text in UTF-8 as it is on disk. */
    public static final byte[] SILENCES_KEY = "silences".getBytes(StandardCharsets.UTF_8);

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
        return publish(KEY, bundle.toJson());
    }

    /**
     * Publishes one record, e.g. {@code publish(SILENCES_KEY, Files.readAllBytes(silencesFile))},
     * and waits for the broker's acknowledgement; returns the record's offset.
     */
    public long publish(byte[] key, byte[] value) throws ExecutionException, InterruptedException {
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, key, value)).get();
        return meta.offset();
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
