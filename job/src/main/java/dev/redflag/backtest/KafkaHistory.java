package dev.redflag.backtest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A topic's history as it stands when the backtest starts: every partition from its beginning to
 * the end offset it had at start, read with a plain consumer that joins no group and commits
 * nothing, so a backtest never disturbs the live job's consumer group nor waits for new records.
 */
public final class KafkaHistory {

    private KafkaHistory() {
    }

    /**
     * @param properties extra client properties (security settings from the job config)
     * @param timeout    how long to wait for the broker, and for progress while reading
     * @throws IOException when the broker cannot be reached, the topic does not exist or reading stalls
     */
    public static History read(String bootstrapServers, String topic, Map<String, String> properties,
                               Duration timeout) throws IOException {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String source = "kafka:" + topic;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new IOException("topic not found: " + topic + " on " + bootstrapServers);
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
            long lastProgress = System.nanoTime();
            while (!caughtUp(consumer, tps, end)) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        read.computeIfAbsent(tp, k -> new ArrayList<>()).add(r);
                    }
                    progress = true;
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IOException("reading " + source + " stalled: no records for " + timeout.toSeconds()
                            + "s before reaching the end offsets " + end);
                }
            }
            List<byte[]> records = new ArrayList<>();
            List<String> positions = new ArrayList<>();
            for (TopicPartition tp : tps) {
                for (ConsumerRecord<byte[], byte[]> r : read.getOrDefault(tp, List.of())) {
                    records.add(r.value() == null ? new byte[0] : r.value());
                    positions.add(tp + "@" + r.offset());
                }
            }
            return new History(source, records, positions, 0);
        } catch (KafkaException e) {
            throw new IOException("cannot read " + source + " from " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> tps,
                                    Map<TopicPartition, Long> end) {
        for (TopicPartition tp : tps) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }
}
