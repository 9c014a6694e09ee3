package dev.redflag.pipeline;

import dev.redflag.alert.Fingerprint;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.event.DeadLetterSerializer;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RulesPublisher;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
        String rules = KAFKA.compactedTopic("rules");
        String alerts = KAFKA.topic("alerts", 1);
        int port = freePort();
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: live-job-it
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s, kpis: %s, rules: %s, alerts: %s}
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
                """.formatted(KAFKA.bootstrapServers(), events, deadLetters, kpis, rules, alerts, port), "it.yaml",
                Map.of());
        try (RulesPublisher publisher = new RulesPublisher(KAFKA.bootstrapServers(), rules, Map.of())) {
            publisher.publish(new RuleBundle(new TreeMap<>(Map.of("it.yaml", RULES))));
        }
        StreamExecutionEnvironment env = FlinkSettings.apply(
                StreamExecutionEnvironment.getExecutionEnvironment(), config);
        RedflagJob.define(env, config, KpiCatalog.builtins(config.kpis().windows()));
        JobClient job = env.executeAsync("live-job-it");
        // values judged before the rule set arrives are not alerted on: wait for it
        Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port), m -> m.contains("redflag_rules_loaded 1.0"));

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
                session("2026-11-20T11:10:00Z", "/pricing", 2),
                session("2026-11-20T11:20:00Z", "/pricing", 3)));

        try (KafkaConsumer<byte[], byte[]> kpiReader = Topics.reader(KAFKA.bootstrapServers(), kpis);
             KafkaConsumer<byte[], byte[]> alertReader = Topics.reader(KAFKA.bootstrapServers(), alerts);
             KafkaConsumer<byte[], byte[]> dlqReader = Topics.reader(KAFKA.bootstrapServers(), deadLetters)) {
            List<String> kpiValues = new ArrayList<>();
            Await.until(Duration.ofSeconds(60), () -> {
                Topics.poll(kpiReader).forEach(r -> kpiValues.add(utf8(r.value())));
                return kpiValues;
            }, v -> v.stream().anyMatch(s -> s.contains("\"bounce_rate\"")));
            assertThat(kpiValues).contains("{\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"dims\":{\"page\":\"/pricing\","
                    + "\"tenant\":\"acme\"},\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                    + "\"value\":0.4,\"numerator\":2,\"denominator\":5,\"sample\":5,"
                    + "\"numeratorSquares\":2,\"crossProducts\":2,\"denominatorSquares\":5,\"slices\":["
                    + slice("channel=seo") + "," + slice("device=unknown") + "," + slice("channel=seo,device=unknown")
                    + "]}");

            // fired by the 10:00 window (0.4 > 0.3)...
            List<String> transitions = new ArrayList<>();
            Await.until(Duration.ofSeconds(60), () -> {
                Topics.poll(alertReader).forEach(r -> transitions.add(utf8(r.value())));
                return transitions;
            }, t -> t.size() >= 1);
            assertThat(scrape(port)).contains(FIRING_GAUGE);

            // ...while the watermark stands at 11:19:59 (the lag tells), an event from 11:19:30 is late but let in
            Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                    m -> watermarks(m).stream().anyMatch(w -> w >= Instant.parse("2026-11-20T11:19:00Z").toEpochMilli()));
            Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(session("2026-11-20T11:19:30Z", "/pricing", 2)));
            Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                    m -> m.contains("redflag_late_events_total{type=\"session\"} 1.0"));

            // ...and resolved by the 11:00 window (0.0) once an event moves the watermark past 12:00
            Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(session("2026-11-20T12:30:00Z", "/home", 2)));
            Await.until(Duration.ofSeconds(60), () -> {
                Topics.poll(alertReader).forEach(r -> transitions.add(utf8(r.value())));
                return transitions;
            }, t -> t.size() >= 2);
            assertThat(scrape(port)).doesNotContain("redflag_alerts{alertname=\"BounceHigh\"");
            String labels = "\"labels\":{\"alertname\":\"BounceHigh\",\"kpi\":\"bounce_rate\",\"page\":\"/pricing\","
                    + "\"severity\":\"warning\",\"tenant\":\"acme\",\"window\":\"1h\"},";
            String tail = "\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"severity\":\"warning\",\"fingerprint\":\""
                    + FINGERPRINT + "\",\"mode\":\"live\",\"flapping\":false}";
            assertThat(transitions).containsExactly(
                    "{\"alert\":\"BounceHigh\",\"rule\":\"it/BounceHigh\",\"state\":\"firing\"," + labels
                            // the seed examples of bounce_rate: its two bounced sessions, IDs left out (no key set)
                            + "\"annotations\":{\"summary\":\"Bounce on /pricing is 0.4\",\"examples\":\"2 examples, "
                            + "IDs left out\\nchannel=seo, device=unknown\\nchannel=seo, device=unknown\"},"
                            + "\"startsAt\":\"2026-11-20T11:00:00Z\",\"endsAt\":null,\"at\":\"2026-11-20T11:00:00Z\","
                            + "\"value\":0.4,\"baseline\":null,\"change\":null,"
                            + "\"valueText\":\"40%\",\"baselineText\":\"\",\"changeText\":\"\","
                            + "\"windowStart\":\"2026-11-20T10:00:00Z\","
                            + "\"windowEnd\":\"2026-11-20T11:00:00Z\"," + tail.substring(0, tail.length() - 1)
                            // the chart: the one window there is, above the threshold 0.3 (its upper limit)
                            + ",\"chart\":{\"unit\":\"ratio\",\"step\":3600000,\"firingStart\":1795168800000,"
                            + "\"firingEnd\":1795172400000,\"points\":[[1795168800000,0.4,null,null,0.3]]},"
                            + "\"examples\":[{\"at\":\"2026-11-20T10:03:00Z\",\"channel\":\"seo\",\"device\":\"unknown\"},"
                            + "{\"at\":\"2026-11-20T10:01:00Z\",\"channel\":\"seo\",\"device\":\"unknown\"}]}",
                    "{\"alert\":\"BounceHigh\",\"rule\":\"it/BounceHigh\",\"state\":\"resolved\"," + labels
                            + "\"annotations\":{\"summary\":\"Bounce on /pricing is 0\"},"
                            + "\"startsAt\":\"2026-11-20T11:00:00Z\",\"endsAt\":\"2026-11-20T12:00:00Z\","
                            + "\"at\":\"2026-11-20T12:00:00Z\",\"value\":0,\"baseline\":null,\"change\":null,"
                            + "\"valueText\":\"0%\",\"baselineText\":\"\",\"changeText\":\"\","
                            + "\"windowStart\":\"2026-11-20T11:00:00Z\",\"windowEnd\":\"2026-11-20T12:00:00Z\"," + tail);

            // the watermark has passed 12:00 + 1 min of lateness: an event from 10:30 is late now
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
                    .containsExactlyInAnyOrder("2", "4", "6", "8", "9", "14");
            assertThat(letters.stream().filter(r -> utf8(r.value()).equals(NPS_11))
                    .map(r -> header(r, DeadLetterSerializer.DETAIL)))
                    .containsExactly("field 'score' must be an integer 0..10, got 11");

            // the gauges take the values in their own task, beside the rule evaluation: the resolving
            // value reaches them in its own time, so wait for its count before reading the rest
            String metrics = Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                    m -> m.contains("redflag_kpi_values_total{kpi=\"bounce_rate\"} 2.0"));
            assertThat(metrics).contains(
                    "redflag_kpi_bounce_rate{page=\"/pricing\",tenant=\"acme\",unit=\"ratio\",window=\"1h\"} 0.0",
                    "redflag_events_in_total{type=\"session\"} 9.0",
                    "redflag_late_events_total{type=\"session\"} 1.0",
                    "redflag_late_events_total{type=\"nps\"} 0.0",
                    "redflag_kpi_values_total{kpi=\"bounce_rate\"} 2.0",
                    "redflag_kpi_values_total{kpi=\"nps\"} 0.0",
                    "redflag_kpi_series_dropped_total{kpi=\"bounce_rate\",reason=\"cap\"} 0.0",
                    "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"pending\"} 0.0",
                    "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"firing\"} 1.0",
                    "redflag_rule_reloads_total{outcome=\"accepted\"} 1.0",
                    "redflag_dead_letters_total{reason=\"out_of_range\"} 2.0",
                    "redflag_dead_letters_total{reason=\"late\"} 1.0",
                    "redflag_dead_letters_total{reason=\"timestamp_too_far\"} 1.0",
                    "redflag_dead_letters_total{reason=\"wrong_type\"} 0.0");
            assertThat(metrics).containsPattern("redflag_rule_evaluation_seconds_count [1-9]");
            assertThat(metrics).doesNotContain("redflag_alerts{");
            // every evaluating subtask that has seen a value reports the watermark of the 12:30 event within a tick
            Await.until(Duration.ofSeconds(10), () -> watermarks(scrapeQuietly(port)), w -> !w.isEmpty()
                    && w.stream().allMatch(t -> t >= Instant.parse("2026-11-20T12:29:00Z").toEpochMilli()));
        } finally {
            job.cancel().get();
        }
    }

    private static final String RULES = """
            groups:
              - name: it
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    match: {page: /pricing}
                    when: {above: 0.3}
                    severity: warning
                    annotations:
                      summary: "Bounce on {{page}} is {{value}}"
            """;
    private static final String FINGERPRINT = Fingerprint.of("it/BounceHigh", new TreeMap<>(Map.of(
            "alertname", "BounceHigh", "kpi", "bounce_rate", "page", "/pricing", "severity", "warning",
            "tenant", "acme", "window", "1h")));

    private static final String FIRING_GAUGE = "redflag_alerts{alertname=\"BounceHigh\",alertstate=\"firing\",campaign=\"\","
            + "channel=\"\",kpi=\"bounce_rate\",page=\"/pricing\",segment=\"\",severity=\"warning\",tenant=\"acme\","
            + "window=\"1h\"} 1.0";

    private static final Pattern LAG = Pattern.compile("(?m)^redflag_event_time_lag_seconds\\{subtask=\"\\d+\"} (\\S+)$");

    /** The watermarks the rule evaluation subtasks reported, from the lag and the clock (NaN: none yet). */
    private static List<Long> watermarks(String metrics) {
        long now = System.currentTimeMillis();
        return LAG.matcher(metrics).results().map(m -> m.group(1)).filter(v -> !v.equals("NaN"))
                .map(v -> now - Math.round(Double.parseDouble(v) * 1000)).toList();
    }

    private static String scrapeQuietly(int port) {
        try {
            return scrape(port);
        } catch (Exception notUpYet) {
            return "";
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

    /** Every slice of the hour holds all of its five sessions, two of them bounced: the events have one channel and no device. */
    private static String slice(String name) {
        return "{\"name\":\"" + name + "\",\"numerator\":2,\"denominator\":5,\"samples\":5,\"numeratorSquares\":2,"
                + "\"crossProducts\":2,\"denominatorSquares\":5}";
    }
}
