package dev.redflag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redflag.actions.ActionService;
import dev.redflag.actions.SlackSignature;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.slack.AlertAction;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.Notifications;
import dev.redflag.pipeline.RedflagJob;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RulesPublisher;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack round trip on real parts: a rule fires in the job (Kafka events in, a Flink mini
 * cluster, the dispatcher posting to the Slack stand-in with a 4 s repeat_interval); clicks built
 * from the buttons of the message the job posted, signed as Slack signs them, go over HTTP to
 * {@code slack-actions}, which writes them to the feedback topic on the same broker; the job reads
 * them. An Acknowledge stops the repeats but not the resolution; a False alarm and then a Real
 * problem on the same firing move the verdict counters and the rule's precision gauge, and both
 * verdicts appear on the alerts topic.
 */
class FeedbackLoopIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @RegisterExtension
    static final InternalMiniClusterExtension FLINK = new InternalMiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Duration REPEAT = Duration.ofSeconds(4);
    private static final String RULE = "web/BounceHigh";

    private static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    match: {page: "=/pricing"}
                    when: {above: 0.5}
                    severity: warning
            """;

    private static final String ROUTES = """
            route:
              receiver: web
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 4s
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;

    @TempDir
    Path dir;

    private final SlackSignature signer = new SlackSignature(SECRET);
    private final HttpClient http = HttpClient.newHttpClient();
    private ActionService service;

    private static String session(String ts, String page, int pageviews) {
        return "{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"s-" + page + ts
                + "\",\"page\":\"" + page + "\",\"channel\":\"seo\",\"pageviews\":" + pageviews + "}";
    }

    @Test
    void aClickInSlackChangesWhatTheJobDoes() throws Exception {
        String events = KAFKA.topic("events", 1);
        String rules = KAFKA.compactedTopic("rules");
        String alerts = KAFKA.topic("alerts", 1);
        String feedback = KAFKA.topic("feedback", 1);
        int port = freePort();
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: feedback-loop-it
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s, kpis: %s, rules: %s, alerts: %s, feedback: %s}
                event-time:
                  max-out-of-orderness: 1s
                  idleness: 1s
                  allowed-lateness: 1m
                state:
                  backend: hashmap
                  checkpoint-interval: "off"
                metrics:
                  port: %d
                parallelism: 1
                """.formatted(KAFKA.bootstrapServers(), events, KAFKA.topic("dlq", 1), KAFKA.topic("kpis", 1), rules,
                alerts, feedback, port), "it.yaml", Map.of());
        try (RulesPublisher publisher = new RulesPublisher(KAFKA.bootstrapServers(), rules, Map.of())) {
            publisher.publish(new RuleBundle(new TreeMap<>(Map.of("web.yaml", RULES))));
        }
        RouteTree routes = RouteLoader.parse(ROUTES, "routes.yaml");

        try (SlackStandIn slack = SlackStandIn.answeringOk().members("C123", "U0ALICE");
             ActionService actions = ActionService.create(new ActionService.Settings(KAFKA.bootstrapServers(),
                             Map.of(), feedback, rules, dir.resolve("silences.yaml"), routes.receivers(), 64 * 1024,
                             Duration.ofSeconds(2), Duration.ofMinutes(5)), SECRET,
                     SlackEndpoint.bot("xoxb-it", slack.url("/api")), Clock.systemUTC())
                     .start("127.0.0.1", 0)) {
            this.service = actions;
            String api = slack.url("/api"); // the job gets the address, not the stand-in, which is not serializable
            Notifications notifications = Notifications.routedBy(routes)
                    .withSlack(() -> Optional.of(SlackEndpoint.bot("xoxb-it", api)));
            StreamExecutionEnvironment env = FlinkSettings.apply(
                    new TestStreamEnvironment(FLINK.getMiniCluster(), 1), config);
            RedflagJob.define(env, config, KpiCatalog.builtins(config.kpis().windows()), notifications);
            JobClient job = env.executeAsync("feedback-loop-it");
            try {
                Await.until(Duration.ofSeconds(60), () -> scrape(port), m -> m.contains("redflag_rules_loaded 1.0"));

                // 10:00 window: /pricing bounces 2 of 3 (66.7% > 50%); an 11:00:05 event closes it (and leaves
                // the watermark close enough to 11:00 that the 11:01 event below is within the allowed lateness)
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T10:01:00Z", "/pricing", 1),
                        session("2026-11-20T10:02:00Z", "/pricing", 1),
                        session("2026-11-20T10:03:00Z", "/pricing", 4),
                        session("2026-11-20T11:00:05Z", "/home", 2)));

                // the firing message, then a repeat in its thread every repeat_interval
                List<HttpStandIn.Received> posts = Await.until(Duration.ofSeconds(60), () -> posts(slack),
                        p -> p.size() >= 3);
                JsonNode first = JSON.readTree(posts.get(0).body());
                assertThat(first.get("text").asText()).isEqualTo("[FIRING:1] BounceHigh");
                assertThat(JSON.readTree(posts.get(1).body()).get("thread_ts").asText()).isEqualTo("1700000000.000001");

                // Acknowledge, as Slack sends the click on the message's button
                assertThat(click(first, AlertAction.ACKNOWLEDGE).statusCode()).isEqualTo(200);
                Await.until(Duration.ofSeconds(30), () -> scrape(port),
                        m -> m.contains("redflag_alert_acknowledgements_total{outcome=\"applied\"} 1.0"));
                // absence takes time to show: over two repeat intervals after the acknowledgement settled
                // (one interval, for a repeat decided just before it), no message goes out
                int settled = countAfter(slack, REPEAT);
                assertThat(countAfter(slack, REPEAT.multipliedBy(2))).as("repeats after the acknowledgement")
                        .isEqualTo(settled);

                // False alarm, then a change of mind: the same firing period is a Real problem
                assertThat(click(first, AlertAction.FALSE_ALARM).statusCode()).isEqualTo(200);
                String afterFalse = Await.until(Duration.ofSeconds(30), () -> scrape(port),
                        m -> m.contains("redflag_rule_precision{rule=\"" + RULE + "\"} 0.0"));
                assertThat(afterFalse).contains(
                        "redflag_alert_feedback_total{rule=\"" + RULE + "\",verdict=\"false_alarm\"} 1.0");
                assertThat(click(first, AlertAction.REAL_PROBLEM).statusCode()).isEqualTo(200);
                String afterReal = Await.until(Duration.ofSeconds(30), () -> scrape(port),
                        m -> m.contains("redflag_rule_precision{rule=\"" + RULE + "\"} 1.0"));
                assertThat(afterReal).contains(
                        "redflag_alert_feedback_total{rule=\"" + RULE + "\",verdict=\"false_alarm\"} 1.0",
                        "redflag_alert_feedback_total{rule=\"" + RULE + "\",verdict=\"real\"} 1.0");
                assertThat(afterReal).doesNotContain("redflag_alert_feedback_unmatched_total{");

                // both verdicts are on the alerts topic, after the firing transition of their alert
                List<JsonNode> records = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> reader = Topics.reader(KAFKA.bootstrapServers(), alerts)) {
                    Await.until(Duration.ofSeconds(30), () -> {
                        Topics.poll(reader).forEach(r -> records.add(read(r.value())));
                        return records;
                    }, r -> r.stream().filter(n -> n.has("kind")).count() == 2);
                }
                assertThat(records).extracting(n -> n.has("kind") ? n.get("kind").asText() + " " + n.get("verdict").asText()
                                : n.get("state").asText())
                        .containsExactly("firing", "feedback false_alarm", "feedback real");
                JsonNode verdict = records.get(1);
                assertThat(verdict.get("rule").asText()).isEqualTo(RULE);
                assertThat(verdict.get("fingerprint").asText()).isEqualTo(records.get(0).get("fingerprint").asText());
                assertThat(verdict.get("startsAt").asText()).isEqualTo(records.get(0).get("startsAt").asText());
                assertThat(verdict.get("user").get("id").asText()).isEqualTo("U0ALICE");

                // the acknowledged alert still tells its resolution: 11:00 window calm, a 12:10 event closes it
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T11:01:00Z", "/pricing", 3),
                        session("2026-11-20T12:10:00Z", "/home", 2)));
                Await.until(Duration.ofSeconds(60), () -> posts(slack), p -> p.stream()
                        .anyMatch(r -> r.body().contains("\"text\":\"[RESOLVED:1] BounceHigh\"")));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** The messages the job posted (firing, repeats and resolutions), not the edits or chart uploads. */
    private static List<HttpStandIn.Received> posts(SlackStandIn slack) {
        return slack.received("chat.postMessage");
    }

    /** How many messages were posted by {@code wait} from now: an observation over time, not a condition. */
    private static int countAfter(SlackStandIn slack, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        return Await.until(wait.plusSeconds(5), () -> System.nanoTime() >= until ? posts(slack).size() : -1,
                n -> n >= 0);
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A click on the button {@code actionId} of the message's alert, as Slack posts it to the service. */
    private HttpResponse<String> click(JsonNode message, String actionId) throws Exception {
        JsonNode element = null;
        String blockId = null;
        for (JsonNode block : message.get("blocks")) {
            for (JsonNode e : block.path("elements")) {
                if (actionId.equals(e.path("action_id").asText())) {
                    element = e;
                    blockId = block.path("block_id").asText();
                }
            }
        }
        assertThat(element).as("the posted message has a " + actionId + " button").isNotNull();
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "block_actions");
        p.putObject("user").put("id", "U0ALICE").put("username", "alice").put("name", "alice").put("team_id", "T0");
        p.put("api_app_id", "A0ACTIONS");
        p.putObject("container").put("type", "message").put("message_ts", "1700000000.000001")
                .put("channel_id", "C123").put("is_ephemeral", false);
        p.put("trigger_id", "1234567890.0987654321.abcdef");
        p.putObject("team").put("id", "T0").put("domain", "redflag");
        p.putObject("channel").put("id", "C123").put("name", "web-alerts");
        ObjectNode m = p.putObject("message");
        m.put("type", "message").put("text", message.get("text").asText()).put("ts", "1700000000.000001");
        m.set("blocks", message.get("blocks").deepCopy());
        p.putObject("state").putObject("values");
        p.put("response_url", "https://hooks.slack.com/actions/T0/1/abc");
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", actionId).put("block_id", blockId);
        action.set("text", element.get("text"));
        action.put("value", element.get("value").asText()).put("type", "button");
        action.put("action_ts", Instant.now().getEpochSecond() + ".123456");
        String body = "payload=" + URLEncoder.encode(JSON.writeValueAsString(p), StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + ActionService.ACTIONS_PATH))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", timestamp)
                        .header("X-Slack-Signature", signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notUpYet) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
