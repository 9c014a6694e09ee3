package dev.redflag.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.testing.Await;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts topic's exactly-once sink across an upgrade from a savepoint (issue 17, the second open
 * question: a {@code read_committed} reader in a consumer group missed committed records after an
 * upgrade while one without a group saw them all). A job of the product's alerts sink
 * ({@link RedflagJob#alertsSink}) writes one alert per input record; it is stopped with a savepoint
 * while records flow and started from it at another parallelism, as {@code LocalStackIT} does. The
 * test then looks at what each suspect would show: open transactions on the topic (a lingering one
 * holds the last stable offset back), and what readers with and without a group read.
 */
class AlertsTopicUpgradeIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void afterAnUpgradeEveryCommittedAlertIsReadOnceAndNoTransactionIsLeftOpen() throws Exception {
        String in = KAFKA.topic("upgrade-in", 2);
        String alerts = KAFKA.topic("upgrade-alerts", 2);
        String group = "upgrade-" + alerts.substring(alerts.lastIndexOf('-') + 1);

        JobClient v1 = submit(config(in, alerts, group, 2), null);
        Topics.send(KAFKA.bootstrapServers(), in, 0, pages(0, 10));
        Topics.send(KAFKA.bootstrapServers(), in, 1, pages(10, 20));
        try (KafkaConsumer<byte[], byte[]> member = groupReader(alerts, "downstream-" + group, "earliest")) {
            List<String> seenByMember = new ArrayList<>();
            Await.until(Duration.ofSeconds(60), () -> poll(member, seenByMember), s -> s.size() >= 20);

            // records arrive while the job is stopped with a savepoint: some are in the transaction it commits
            Topics.send(KAFKA.bootstrapServers(), in, 0, pages(20, 30));
            String savepoint = v1.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            Topics.send(KAFKA.bootstrapServers(), in, 1, pages(30, 40));
            JobClient v2 = submit(config(in, alerts, group, 3), savepoint);
            try {
                Await.until(Duration.ofSeconds(60), () -> poll(member, seenByMember), s -> s.size() >= 40);
                // the job has nothing more to write: every transaction ends, and the member reads to the end
                Await.until(Duration.ofSeconds(30), () -> {
                    poll(member, seenByMember);
                    return lastStableOffsets(alerts).equals(highWatermarks(alerts))
                            && positions(member, alerts).equals(highWatermarks(alerts));
                }, done -> done);

                assertThat(openTransactions(alerts)).as("transactions still open on the alerts topic").isEmpty();
                List<String> all = expected(0, 40);
                assertThat(seenByMember).as("a group member reading across the upgrade")
                        .containsExactlyInAnyOrderElementsOf(all);
                assertThat(readAll(groupReader(alerts, "late-" + group, "earliest")))
                        .as("a new group, auto.offset.reset=earliest").containsExactlyInAnyOrderElementsOf(all);
                assertThat(readAll(noGroupReader(alerts))).as("no group").containsExactlyInAnyOrderElementsOf(all);

                // Kafka's default for a group without committed offsets: the end, so none of the 40
                try (KafkaConsumer<byte[], byte[]> latest = groupReader(alerts, "latest-" + group, "latest")) {
                    List<String> seen = new ArrayList<>();
                    Await.until(Duration.ofSeconds(30), () -> {
                        poll(latest, seen);
                        return latest.assignment().size();
                    }, n -> n == 2);
                    assertThat(positions(latest, alerts)).as("where a new group starts by default")
                            .isEqualTo(highWatermarks(alerts));
                    assertThat(seen).as("records a new group reads by default").isEmpty();
                }
            } finally {
                v2.cancel().get();
            }
        }
    }

    /**
     * Where a new group with {@code auto.offset.reset=latest} starts is the last stable offset at its first
     * poll: below a transaction open at that moment, so it reads what that transaction commits later; after
     * it, and it reads nothing of it. Which of the two happens depends on timing alone.
     */
    @Test
    void aNewGroupStartsAtTheLastStableOffsetOfItsFirstPoll() throws Exception {
        String alerts = KAFKA.topic("lso-alerts", 1);
        TopicPartition p0 = new TopicPartition(alerts, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lso-" + alerts,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(alerts, 0, null, alert("/a"))).get();
            producer.send(new ProducerRecord<>(alerts, 0, null, alert("/b"))).get();

            List<String> early = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> whileOpen = groupReader(alerts, "open-" + alerts, "latest")) {
                Await.until(Duration.ofSeconds(30), () -> poll(whileOpen, early), s -> !whileOpen.assignment().isEmpty());
                assertThat(whileOpen.position(p0)).as("the last stable offset: the open transaction's first record")
                        .isZero();
                producer.commitTransaction();
                Await.until(Duration.ofSeconds(30), () -> poll(whileOpen, early), s -> s.size() >= 2);
            }
            assertThat(early).as("a new group polled first while the transaction was open").containsExactly("/a", "/b");

            List<String> late = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> afterCommit = groupReader(alerts, "committed-" + alerts, "latest")) {
                Await.until(Duration.ofSeconds(30), () -> poll(afterCommit, late), s -> !afterCommit.assignment().isEmpty());
                assertThat(afterCommit.position(p0)).as("after the two records and the commit marker").isEqualTo(3);
                assertThat(poll(afterCommit, late)).as("a new group polled first after the commit").isEmpty();
            }
        }
    }

    private static byte[] alert(String page) {
        return new AlertEventSerializer("unused").serialize(firing(page.substring(1)), null, null).value();
    }

    private static Map<TopicPartition, Long> positions(KafkaConsumer<byte[], byte[]> reader, String topic) {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        for (TopicPartition tp : partitions(topic)) {
            out.put(tp, reader.position(tp));
        }
        return out;
    }

    private JobClient submit(JobConfig config, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = FlinkSettings.apply(StreamExecutionEnvironment.getExecutionEnvironment(conf),
                config);
        env.fromSource(KafkaSource.<String>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setTopics(config.kafka().eventTopics())
                        .setGroupId(config.kafka().groupId())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setValueOnlyDeserializer(new SimpleStringSchema())
                        .build(), WatermarkStrategy.noWatermarks(), "in").uid("in")
                .map(AlertsTopicUpgradeIT::firing).uid("to-alert")
                .sinkTo(RedflagJob.alertsSink(config)).name("alerts-topic").uid("alerts-topic");
        JobClient job = env.executeAsync("alerts-topic-upgrade");
        Await.until(Duration.ofSeconds(60), () -> job.getJobStatus().join().name(), s -> s.equals("RUNNING"));
        return job;
    }

    private JobConfig config(String in, String alerts, String group, int parallelism) {
        return JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: %s
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s-dlq, kpis: %s-kpis, rules: %s-rules, alerts: %s}
                state:
                  backend: hashmap
                  checkpoint-dir: %s
                  checkpoint-interval: 500ms
                parallelism: %d
                """.formatted(KAFKA.bootstrapServers(), group, in, in, in, in, alerts,
                dir.resolve("checkpoints").toUri(), parallelism), "it.yaml", Map.of());
    }

    /** A firing alert for page {@code /n}, from input record {@code n}. */
    static AlertEvent firing(String n) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "BounceHigh", "page", "/" + n));
        Transition t = new Transition(Transition.Phase.FIRING, 0, 0, AlertState.NO_TIME, 0.7, 0.5, 40, 0, 0, false);
        return new AlertEvent("web/BounceHigh", "BounceHigh", "warning", false, "fp-" + n, "bounce_rate", "1h",
                labels, Map.of(), t);
    }

    private static List<String> pages(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> "/" + n).toList();
    }

    private static List<String> poll(KafkaConsumer<byte[], byte[]> reader, List<String> into) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> into.add(page(r.value())));
        return into;
    }

    private static String page(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8)).path("labels").path("page").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything up to the high watermark (not the last stable offset), then closed. */
    private static List<String> readAll(KafkaConsumer<byte[], byte[]> reader) throws InterruptedException {
        try (reader) {
            List<String> out = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), () -> poll(reader, out), s -> s.size() >= 40);
            return out;
        }
    }

    private static KafkaConsumer<byte[], byte[]> groupReader(String topic, String group, String reset) {
        KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        reader.subscribe(List.of(topic));
        return reader;
    }

    private static KafkaConsumer<byte[], byte[]> noGroupReader(String topic) {
        KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = partitions(topic);
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        return reader;
    }

    private static List<TopicPartition> partitions(String topic) {
        return List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
    }

    /** Producers with a transaction open on the topic, as "partition: producer id, first offset". */
    private static List<String> openTransactions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            List<String> open = new ArrayList<>();
            admin.describeProducers(partitions(topic)).all().get().forEach((tp, d) -> {
                for (ProducerState p : d.activeProducers()) {
                    if (p.currentTransactionStartOffset().isPresent()) {
                        open.add(tp + ": producer " + p.producerId() + " from offset "
                                + p.currentTransactionStartOffset().getAsLong());
                    }
                }
            });
            return open;
        }
    }

    private static Map<TopicPartition, Long> lastStableOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = noGroupReader(topic)) {
            return c.endOffsets(partitions(topic));
        }
    }

    private static Map<TopicPartition, Long> highWatermarks(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            return c.endOffsets(partitions(topic));
        }
    }
}
