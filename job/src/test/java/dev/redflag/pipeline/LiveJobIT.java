package dev.redflag.pipeline;

import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.event.DeadLetterSerializer;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.testing.Await;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job end to end on real parts: a KRaft broker in this JVM, a Flink mini cluster, the
 * Prometheus endpoint over HTTP. Events in; KPI values, dead letters and metrics out.
 */
class LiveJobIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String NOT_JSON = "{\"type\":\"session\",";
    private static final String UNKNOWN_TYPE = "{\"type\":\"pageview\",\"ts\":\"2026-11-20T10:00:00Z\"}";
    private static final String NPS_11 = "{\"type\":\"nps\",\"ts\":\"2026-11-20T10:00:00Z\",\"respondent_id\":\"r1\",\"score\":11}";
    private static final String NEGATIVE = "{\"type\":\"order\",\"ts\":\"2026-11-20T10:00:00Z\",\"order_id\":\"o1\",\"customer_id\":\"c1\",\"amount\":-5}";
    private static final String FUTURE = session("2099-01-01T00:00:00Z", "/pricing", 1);
    private static final String LATE = session("2026-11-20T10:30:00Z", "/pricing", 1);

    private static String session(String ts, String page, int pageviews) {
        return "{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"s-" + ts
                + "\",\"page\":\"" + page + "\",\"channel\":\"seo\",\"pageviews\":" + pageviews + "}";
    }

    @Test
    void eventsBecomeKpisOnKafkaAndPrometheusAndBadRecordsBecomeDeadLetters() throws Exception {
        String events = KAFKA.topic("events", 1);
        String deadLetters = KAFKA.topic("dead-letters", 1);
        String kpis = KAFKA.topic("kpis", 1);
        int port = freePort();
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: live-job-it
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s, kpis: %s}
                event-time:
                  max-out-of-orderness: 1s
                  idleness: 1s
                  allowed-lateness: 1m
                state:
                  backend: hashmap
                  checkpoint-interval: off
                metrics:
                  port: %d
                parallelism: 2
                """.formatted(KAFKA.bootstrapServers(), events, deadLetters, kpis, port), "it.yaml", Map.of());

        Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                session("2026-11-20T10:01:00Z", "/pricing", 1),
                session("2026-11-20T10:02:00Z", "/pricing", 4),
                NOT_JSON,
                session("2026-11-20T10:03:00Z", "/pricing", 1),
                UNKNOWN_TYPE,
                session("2026-11-20T10:04:00Z", "/pricing", 2),
                NPS_11,
                session("2026-11-20T10:05:00Z", "/pricing", 3),
                NEGATIVE,
                FUTURE,
                session("2026-11-20T12:00:00Z", "/home", 2)));

        StreamExecutionEnvironment env = FlinkSettings.apply(
                StreamExecutionEnvironment.getExecutionEnvironment(), config);
        RedflagJob.define(env, config, KpiCatalog.builtins(config.kpis().windows()));
        JobClient job = env.executeAsync("live-job-it");
        try (KafkaConsumer<byte[], byte[]> kpiReader = Topics.reader(KAFKA.bootstrapServers(), kpis);
             KafkaConsumer<byte[], byte[]> dlqReader = Topics.reader(KAFKA.bootstrapServers(), deadLetters)) {
            List<String> kpiValues = new ArrayList<>();
            Await.until(Duration.ofSeconds(60), () -> {
                Topics.poll(kpiReader).forEach(r -> kpiValues.add(utf8(r.value())));
                return kpiValues;
            }, v -> v.stream().anyMatch(s -> s.contains("\"bounce_rate\"")));
            assertThat(kpiValues).contains("{\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"dims\":{\"page\":\"/pricing\","
                    + "\"tenant\":\"acme\"},\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                    + "\"value\":0.4,\"numerator\":2,\"denominator\":5,\"sample\":5}");

            // the watermark has passed 11:00 + 1 min of lateness: an event from 10:30 is late now
            Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(LATE));
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            Await.until(Duration.ofSeconds(60), () -> {
                letters.addAll(Topics.poll(dlqReader));
                return letters.size();
            }, n -> n >= 6);

            Map<String, String> byReason = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : letters) {
                byReason.put(header(r, DeadLetterSerializer.REASON), utf8(r.value()));
                assertThat(header(r, DeadLetterSerializer.TOPIC)).isEqualTo(events);
                assertThat(header(r, DeadLetterSerializer.PARTITION)).isEqualTo("0");
            }
            assertThat(byReason).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "late", LATE,
                    "not_json", NOT_JSON,
                    "out_of_range", NEGATIVE,
                    "timestamp_too_far", FUTURE,
                    "unknown_type", UNKNOWN_TYPE)));
            assertThat(letters).extracting(r -> header(r, DeadLetterSerializer.OFFSET))
                    .containsExactlyInAnyOrder("2", "4", "6", "8", "9", "11");
            assertThat(letters.stream().filter(r -> utf8(r.value()).equals(NPS_11))
                    .map(r -> header(r, DeadLetterSerializer.DETAIL)))
                    .containsExactly("field 'score' must be an integer 0..10, got 11");

            String metrics = scrape(port);
            assertThat(metrics).contains(
                    "redflag_kpi_bounce_rate{page=\"/pricing\",tenant=\"acme\",window=\"1h\"} 0.4",
                    "redflag_events_in_total{type=\"session\"} 6.0",
                    "redflag_dead_letters_total{reason=\"out_of_range\"} 2.0",
                    "redflag_dead_letters_total{reason=\"late\"} 1.0",
                    "redflag_dead_letters_total{reason=\"timestamp_too_far\"} 1.0");
        } finally {
            job.cancel().get();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return utf8(r.headers().lastHeader(name).value());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
