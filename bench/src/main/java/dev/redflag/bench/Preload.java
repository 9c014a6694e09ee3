package dev.redflag.bench;

import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fills a topic as fast as the producer takes records, before a run reads it. */
final class Preload {

    private Preload() {
    }

    /** The demo's tenants first, then tenant0002, tenant0003, ... */
    static List<String> tenants(int n) {
        List<String> names = new ArrayList<>(List.of("acme", "globex"));
        for (int t = names.size(); t < n; t++) {
            names.add(String.format(Locale.ROOT, "tenant%04d", t));
        }
        return names.subList(0, Math.max(n, 1));
    }

    /**
     * Generated traffic of {@code tenants} tenants, simulated from 20 days back so that no event lies
     * ahead of the wall clock (the job would refuse it); returns when the first event happened.
     */
    static Instant traffic(String bootstrap, String topic, long events, int tenants, long seed) {
        return traffic(bootstrap, topic, events, tenants, seed, 0);
    }

    /**
     * @param partitions when positive, the i-th record goes to partition {@code i mod partitions}, so
     *                   each partition's end offset is known before the records are sent
     */
    static Instant traffic(String bootstrap, String topic, long events, int tenants, long seed, int partitions) {
        TrafficModel model = TrafficModel.defaults().withTenants(tenants(tenants));
        Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        TrafficGenerator generator = new TrafficGenerator(model, Incidents.scripted(), seed, start);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long sent = 0;
            while (sent < events) {
                Iterator<String> minute = generator.nextMinute().iterator();
                while (minute.hasNext() && sent < events) {
                    byte[] bytes = minute.next().getBytes(StandardCharsets.UTF_8);
                    producer.send(partitions > 0 ? new ProducerRecord<>(topic, (int) (sent % partitions), null, bytes)
                            : new ProducerRecord<>(topic, bytes));
                    sent++;
                }
            }
            producer.flush();
        }
        return start;
    }

    static void spread(String bootstrap, String topic, SpreadSessions sessions) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < sessions.events(); i++) {
                producer.send(new ProducerRecord<>(topic, sessions.record(i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
