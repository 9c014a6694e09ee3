package dev.redflag.demo;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays generated traffic into a Kafka topic at the pace the {@link Pacer} sets: fast-forward
 * through the scripted history, then real time. Runs on its own daemon thread until closed.
 */
public final class DemoFeed implements AutoCloseable {

    private final TrafficGenerator generator;
    private final Pacer pacer;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param clientProperties the producer's settings: the brokers and, for a secured cluster, TLS and SASL */
    public DemoFeed(TrafficGenerator generator, Pacer pacer, Map<String, String> clientProperties, String topic,
                    Clock clock) {
        this.generator = generator;
        this.pacer = pacer;
        this.topic = topic;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.thread = new Thread(this::run, "redflag-demo-feed");
        thread.setDaemon(true);
    }

    public DemoFeed start() {
        thread.start();
        return this;
    }

    /** Records sent so far. */
    public long sent() {
        return sent.get();
    }

    public Instant simulatedNow() {
        return generator.simulatedNow();
    }

    private void run() {
        try {
            while (running) {
                Duration wait = pacer.delayBeforeMinute(generator.simulatedNow(), clock.instant());
                if (!wait.isZero()) {
                    Thread.sleep(wait.toMillis());
                }
                List<String> minute = generator.nextMinute();
                for (String record : minute) {
                    producer.send(new ProducerRecord<>(topic, record.getBytes(StandardCharsets.UTF_8)));
                }
                sent.addAndGet(minute.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        producer.close(Duration.ofSeconds(5));
    }
}
