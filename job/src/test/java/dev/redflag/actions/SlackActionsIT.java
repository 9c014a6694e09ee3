package dev.redflag.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.slack.AlertAction;
import dev.redflag.notify.slack.Links;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackNotifier;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.notify.slack.TestAlerts;
import dev.redflag.labels.MatcherSyntax;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn.Received;
import dev.redflag.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on real parts: requests built and signed as Slack builds them (a form-encoded
 * {@code payload} holding a {@code block_actions} payload whose message is the one the job posts),
 * sent over HTTP; feedback and silences on the in-JVM KRaft broker; Slack's Web API played by the
 * stand-in. The clock is fixed at Friday 2026-12-04 10:42 UTC; the receiver's people are in Berlin.
 */
class SlackActionsIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-04T10:42:00Z");
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String CHANNEL_ID = "C0GROWTH";
    private static final String MESSAGE_TS = "1700000000.000001";
    private static final int MAX_BODY = 16 * 1024;

    private static final String ROUTES = """
            route:
              receiver: growth
            receivers:
              - name: growth
                slack:
                  channel: '#growth-alerts'
                  time_zone: Europe/Berlin
                  snooze_user_groups: [S0ONCALL]
            """;

    private static final AlertEvent ALERT = TestAlerts.rule("web-engagement", "BounceRateRising", "critical",
                    "bounce_rate")
            .annotation("summary", "Bounce rate on /pricing is 0.43 (baseline 0.31)")
            .firing(Map.of("page", "/pricing", "tenant", "acme"), 0.43, 0.31, 38.7);

    private static final String GROUP_KEY = "route:{}:{alertname=\"BounceRateRising\"}";

    @TempDir
    Path dir;

    private final SlackSignature signer = new SlackSignature(SECRET);
    private final HttpClient http = HttpClient.newHttpClient();
    private SlackStandIn slack;
    private ActionService service;
    private String feedbackTopic;
    private String rulesTopic;
    private Path silences;
    /** The message as the job posts it, blocks and all. */
    private JsonNode posted;

    @BeforeEach
    void start() throws Exception {
        slack = SlackStandIn.answeringOk()
                .members(CHANNEL_ID, "U0ALICE", "U0BOB")
                .members("S0ONCALL", "U0ALICE");
        feedbackTopic = KAFKA.topic("feedback", 1);
        rulesTopic = KAFKA.compactedTopic("rules");
        silences = dir.resolve("silences.yaml");
        RouteTree routes = RouteLoader.parse(ROUTES, "routes.yaml");
        ActionService.Settings settings = new ActionService.Settings(KAFKA.bootstrapServers(), Map.of(),
                feedbackTopic, rulesTopic, silences, routes.receivers(), MAX_BODY, Duration.ofSeconds(2),
                Duration.ofMinutes(5));
        service = ActionService.create(settings, SECRET, SlackEndpoint.bot("xoxb-test-token", slack.url("/api")),
                Clock.fixed(NOW, ZoneOffset.UTC)).start("127.0.0.1", 0);
        Notification n = new Notification("growth", GROUP_KEY, "BounceRateRising", List.of(ALERT), NOW.toEpochMilli());
        posted = JSON.readTree(SlackNotifier.message(n, "#growth-alerts", Links.none()).toJson());
    }

    @AfterEach
    void stop() {
        service.close();
        slack.close();
    }

    @Test
    void acknowledgeWritesOneFeedbackRecordAndEditsTheMessage() throws Exception {
        HttpResponse<String> response = post(click(AlertAction.ACKNOWLEDGE, "U0BOB", null), NOW);

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records = records(feedbackTopic);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(ALERT.fingerprint());
        assertThat(JSON.readTree(records.get(0).value())).isEqualTo(JSON.readTree("""
                {"action":"acknowledge","verdict":null,"user":{"id":"U0BOB","name":"bob"},
                 "fingerprint":"%s","starts_at":"2026-11-02T10:45:00Z","rule":"web-engagement/BounceRateRising",
                 "alertname":"BounceRateRising",
                 "labels":{"alertname":"BounceRateRising","kpi":"bounce_rate","page":"/pricing","severity":"critical",
                           "tenant":"acme","window":"1h"},
                 "receiver":"growth","group_key":%s,"snoozed_until":null,"silence_id":null,
                 "at":"2026-12-04T10:42:00Z"}""".formatted(ALERT.fingerprint(), JSON.writeValueAsString(GROUP_KEY))));
        JsonNode update = updated();
        assertThat(update.get("channel").asText()).isEqualTo(CHANNEL_ID);
        assertThat(update.get("ts").asText()).isEqualTo(MESSAGE_TS);
        assertThat(statusLine(update)).isEqualTo("Acknowledged by <@U0BOB> at 11:42");
        assertThat(update.get("blocks")).hasSize(posted.get("blocks").size() + 1);
        assertThat(slack.received("chat.update").get(0).header("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(Files.exists(silences)).isFalse();
        assertThat(metric("accepted")).isEqualTo(1.0);
        assertThat(scrape()).contains("redflag_slack_feedback_total{action=\"acknowledge\"} 1.0");
    }

    @Test
    void snoozeUntilMondayAddsAndPublishesASilenceOfTheSeries() throws Exception {
        HttpResponse<String> response = post(click(AlertAction.SNOOZE, "U0ALICE", "monday"), NOW);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Silence> all = SilenceFile.load(silences).silences();
        assertThat(all).hasSize(1);
        Silence silence = all.get(0);
        assertThat(silence.startsAt()).isEqualTo(NOW);
        assertThat(silence.endsAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z")); // Monday 09:00 in Berlin
        assertThat(silence.createdBy()).isEqualTo("alice");
        assertThat(silence.matchers().stream().map(MatcherSyntax::format)).containsExactly(
                "alertname=\"BounceRateRising\"", "kpi=\"bounce_rate\"", "page=\"/pricing\"",
                "severity=\"critical\"", "tenant=\"acme\"", "window=\"1h\"");
        assertThat(silence.matches(ALERT.labels())).isTrue();
        List<ConsumerRecord<String, String>> published = records(rulesTopic);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo("silences");
        assertThat(published.get(0).value()).isEqualTo(Files.readString(silences));
        JsonNode feedback = JSON.readTree(records(feedbackTopic).get(0).value());
        assertThat(feedback.get("action").asText()).isEqualTo("snooze");
        assertThat(feedback.get("snoozed_until").asText()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(feedback.get("silence_id").asText()).isEqualTo(silence.id());
        assertThat(statusLine(updated())).isEqualTo("Snoozed until Mon 7 Dec 09:00 by <@U0ALICE>");
    }

    @Test
    void aSecondActionReplacesTheStatusLineAndAFalseAlarmIsAVerdict() throws Exception {
        assertThat(post(click(AlertAction.SNOOZE, "U0ALICE", "1h"), NOW).statusCode()).isEqualTo(200);
        assertThat(post(click(AlertAction.FALSE_ALARM, "U0BOB", null), NOW).statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = records(feedbackTopic);
        assertThat(records).extracting(r -> JSON.readTree(r.value()).get("verdict").asText("null"))
                .containsExactly("null", "false_alarm");
        List<Received> updates = Await.until(Duration.ofSeconds(10), () -> slack.received("chat.update"),
                u -> u.size() == 2);
        List<String> lines = new ArrayList<>();
        for (Received u : updates) {
            lines.add(statusLine(JSON.readTree(u.body())));
        }
        assertThat(lines).containsExactlyInAnyOrder("Snoozed until 12:42 by <@U0ALICE>",
                "Marked false alarm by <@U0BOB>");
        assertThat(metric("accepted")).isEqualTo(2.0);
    }

    @Test
    void everyRefusedRequestHasItsStatusIsCountedAndLeavesNothingBehind() throws Exception {
        String ack = click(AlertAction.ACKNOWLEDGE, "U0BOB", null);
        // forged: signed with another secret
        assertThat(post(ack, NOW, new SlackSignature("not-the-secret")).statusCode()).isEqualTo(401);
        // no signature at all
        assertThat(send(form(ack), Map.of("X-Slack-Request-Timestamp", Long.toString(NOW.getEpochSecond())))
                .statusCode()).isEqualTo(401);
        // stale: signed correctly, six minutes ago
        assertThat(post(ack, NOW.minusSeconds(360)).statusCode()).isEqualTo(401);
        // oversized
        assertThat(post("payload=" + "x".repeat(MAX_BODY), NOW).statusCode()).isEqualTo(413);
        // malformed: not JSON, not block_actions, no alert in the value
        assertThat(post("payload=%7Bnot+json", NOW).statusCode()).isEqualTo(400);
        assertThat(post(form(JSON.writeValueAsString(JSON.createObjectNode().put("type", "view_submission"))), NOW,
                signer, "1").statusCode()).isEqualTo(400);
        assertThat(post(withValue(ack, "{\"f\":1}"), NOW).statusCode()).isEqualTo(400);
        // unknown action, and a snooze length the menu does not have
        assertThat(post(withActionId(ack, "redflag.delete"), NOW).statusCode()).isEqualTo(400);
        assertThat(post(click(AlertAction.SNOOZE, "U0ALICE", "1y"), NOW).statusCode()).isEqualTo(400);
        // not a member of the channel; a member outside the snooze user groups
        assertThat(post(click(AlertAction.ACKNOWLEDGE, "U0EVE", null), NOW).statusCode()).isEqualTo(403);
        assertThat(post(click(AlertAction.SNOOZE, "U0BOB", "1h"), NOW).statusCode()).isEqualTo(403);

        assertThat(records(feedbackTopic)).isEmpty();
        assertThat(records(rulesTopic)).isEmpty();
        assertThat(Files.exists(silences)).isFalse();
        assertThat(slack.received("chat.update")).isEmpty();

        // replayed: the same signed request twice, taken once
        String timestamp = Long.toString(NOW.getEpochSecond());
        String body = form(ack);
        Map<String, String> headers = Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(send(body, headers).statusCode()).isEqualTo(200);
        assertThat(send(body, headers).statusCode()).isEqualTo(409);
        assertThat(records(feedbackTopic)).hasSize(1);

        assertThat(metric("bad_signature")).isEqualTo(2.0);
        assertThat(metric("stale")).isEqualTo(1.0);
        assertThat(metric("too_large")).isEqualTo(1.0);
        assertThat(metric("malformed")).isEqualTo(3.0);
        assertThat(metric("unknown_action")).isEqualTo(2.0);
        assertThat(metric("forbidden")).isEqualTo(2.0);
        assertThat(metric("replayed")).isEqualTo(1.0);
        assertThat(metric("accepted")).isEqualTo(1.0);
        assertThat(metric("failed")).isEqualTo(0.0);
    }

    // ---- requests as Slack makes them

    /** The block_actions payload of a click on {@code actionId} in the alert's block, as Slack sends it. */
    private String click(String actionId, String userId, String snoozeOption) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "block_actions");
        ObjectNode user = p.putObject("user");
        String name = userId.substring(2).toLowerCase(java.util.Locale.ROOT);
        user.put("id", userId).put("username", name).put("name", name).put("team_id", "T0REDFLAG");
        p.put("api_app_id", "A0ACTIONS");
        p.put("token", "deprecated-verification-token");
        p.putObject("container").put("type", "message").put("message_ts", MESSAGE_TS).put("channel_id", CHANNEL_ID)
                .put("is_ephemeral", false);
        p.put("trigger_id", "1234567890.0987654321.abcdef");
        p.putObject("team").put("id", "T0REDFLAG").put("domain", "redflag-demo");
        p.putNull("enterprise");
        p.put("is_enterprise_install", false);
        p.putObject("channel").put("id", CHANNEL_ID).put("name", "growth-alerts");
        ObjectNode message = p.putObject("message");
        message.put("bot_id", "B0REDFLAG").put("type", "message").put("text", posted.get("text").asText())
                .put("user", "U0REDFLAG").put("ts", MESSAGE_TS).put("app_id", "A0ACTIONS").put("team", "T0REDFLAG");
        message.set("blocks", posted.get("blocks").deepCopy());
        p.putObject("state").putObject("values");
        p.put("response_url", slack.url("/actions/T0REDFLAG/1/abc"));
        ArrayNode actions = p.putArray("actions");
        JsonNode element = element(actionId);
        ObjectNode action = actions.addObject();
        action.put("action_id", actionId).put("block_id", AlertAction.BLOCK_PREFIX + ALERT.fingerprint());
        if (snoozeOption == null) {
            action.set("text", element.get("text"));
            action.put("value", element.get("value").asText()).put("type", "button");
        } else {
            action.putObject("selected_option").put("value", snoozeOption).putObject("text")
                    .put("type", "plain_text").put("text", "Snooze").put("emoji", true);
            action.put("type", "overflow");
        }
        action.put("action_ts", "1764844920.123456");
        return JSON.writeValueAsString(p);
    }

    /** The element of the posted message with this action id. */
    private JsonNode element(String actionId) {
        for (JsonNode block : posted.get("blocks")) {
            for (JsonNode e : block.path("elements")) {
                if (actionId.equals(e.path("action_id").asText())) {
                    return e;
                }
            }
        }
        throw new AssertionError("the posted message has no " + actionId);
    }

    private static String withValue(String payload, String value) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(payload);
        ((ObjectNode) p.get("actions").get(0)).put("value", value);
        return JSON.writeValueAsString(p);
    }

    private static String withActionId(String payload, String actionId) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(payload);
        ((ObjectNode) p.get("actions").get(0)).put("action_id", actionId);
        return JSON.writeValueAsString(p);
    }

    private static String form(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    /** A payload (form-encoded here unless it already is a form) signed as Slack signs it at {@code at}. */
    private HttpResponse<String> post(String payloadOrForm, Instant at) throws Exception {
        return post(payloadOrForm, at, signer);
    }

    private HttpResponse<String> post(String payloadOrForm, Instant at, SlackSignature by) throws Exception {
        return post(payloadOrForm.startsWith("payload=") ? payloadOrForm : form(payloadOrForm), at, by, "1");
    }

    private HttpResponse<String> post(String body, Instant at, SlackSignature by, String unused) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return send(body, Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", by.sign(timestamp, body.getBytes(StandardCharsets.UTF_8))));
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + ActionService.ACTIONS_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- what is left behind

    private JsonNode updated() throws Exception {
        List<Received> updates = Await.until(Duration.ofSeconds(10), () -> slack.received("chat.update"),
                u -> !u.isEmpty());
        assertThat(updates).hasSize(1);
        return JSON.readTree(updates.get(0).body());
    }

    /** The status line under the alert's buttons. */
    private static String statusLine(JsonNode update) {
        JsonNode blocks = update.get("blocks");
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).path("block_id").asText().equals(AlertAction.BLOCK_PREFIX + ALERT.fingerprint())) {
                JsonNode next = blocks.get(i + 1);
                assertThat(next.get("type").asText()).isEqualTo("context");
                return next.get("elements").get(0).get("text").asText();
            }
        }
        throw new AssertionError("no alert block in " + update);
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(String outcome) throws Exception {
        String prefix = "redflag_slack_actions_total{outcome=\"" + outcome + "\"} ";
        return scrape().lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(prefix.length()))).findFirst().orElseThrow(() -> new AssertionError("no " + prefix));
    }

    /** Every record of the (single-partition) topic, up to its end now. */
    private static List<ConsumerRecord<String, String>> records(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
