package dev.redflag.actions;

import dev.redflag.alert.feedback.Feedback;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka topic feedback records go to, keyed by alert fingerprint so that one alert's records
 * stay in order. A write waits for the broker at most {@code wait}, which keeps the answer to
 * Slack within its 3 seconds.
 */
final class FeedbackTopic implements AutoCloseable {

    private final String topic;
    private final Duration wait;
    private final KafkaProducer<String, String> producer;

    FeedbackTopic(String bootstrapServers, String topic, Map<String, String> clientProperties, Duration wait) {
        this.topic = topic;
        this.wait = wait;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(wait.toMillis()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * Writes and waits for the broker's acknowledgement, at most the configured wait.
     *
     * @throws TimeoutException   when the broker has not answered in time (the record may still arrive)
     * @throws ExecutionException when the broker refused it
     */
    void write(Feedback feedback) throws ExecutionException, TimeoutException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, feedback.fingerprint(), feedback.toJson()))
                .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
