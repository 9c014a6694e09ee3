package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the alerts topic from its start for as long as it runs, as docs/notifications.md ("Reading the
 * alerts topic") tells a user's program to: a consumer group of its own, {@code read_committed},
 * {@code earliest} for a group without committed offsets, offsets committed after the records are handled.
 * It notes when each record arrived: what a soak needs to see the topic advance again after a failure,
 * and to count transitions at the end. It rides out a broker restart as any consumer does.
 */
final class AlertsReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert record and when (wall clock, ms) the reader got it. */
    record Received(long at, JsonNode value) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertsReader(String bootstrapServers, String topic, String group) {
        this.topic = topic;
        this.consumer = groupConsumer(bootstrapServers, group);
        this.thread = new Thread(this::run, "alerts-reader");
        thread.setDaemon(true);
    }

    /**
     * A consumer as docs/notifications.md ("Reading the alerts topic") tells users to set one up: a group
     * of its own, {@code read_committed}, {@code earliest} for a group without committed offsets, and no
     * auto-commit (a program commits what it has handled).
     */
    static KafkaConsumer<byte[], byte[]> groupConsumer(String bootstrapServers, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    AlertsReader start() {
        consumer.subscribe(List.of(topic));
        thread.start();
        return this;
    }

    /** When the first record that arrived after {@code millis} arrived; 0 while none has. */
    long firstReceivedAfter(long millis) {
        check();
        return received.stream().mapToLong(Received::at).filter(t -> t > millis).min().orElse(0);
    }

    /** The transitions of {@code alert} for windows that end by {@code until}, as "state page at T". */
    List<String> transitions(String alert, Instant until) {
        check();
        return received.stream().map(Received::value)
                .filter(v -> v.path("alert").asText().equals(alert))
                .filter(v -> !Instant.parse(v.path("at").asText()).isAfter(until))
                .map(v -> v.path("state").asText() + " " + v.path("labels").path("page").asText() + " at "
                        + v.path("at").asText())
                .toList();
    }

    /** Every record of {@code alert} so far, in the order they arrived. */
    List<Received> records(String alert) {
        check();
        return received.stream().filter(r -> r.value().path("alert").asText().equals(alert)).toList();
    }

    private void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the alerts reader failed: " + t, t);
        }
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> received.add(new Received(System.currentTimeMillis(),
                        json(new String(r.value(), StandardCharsets.UTF_8)))));
                if (!records.isEmpty()) {
                    consumer.commitAsync(); // handled: a restarted reader goes on from here
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
