package dev.redflag.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackGolden;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RulesPublisher;
import dev.redflag.testing.AlertmanagerApi;
import dev.redflag.testing.AlertmanagerProcess;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.redflag.pipeline.MiniClusterJobs.completedCheckpoints;
import static dev.redflag.pipeline.MiniClusterJobs.freePort;
import static dev.redflag.pipeline.MiniClusterJobs.restarts;
import static dev.redflag.pipeline.MiniClusterJobs.scrapeQuietly;
import static dev.redflag.pipeline.MiniClusterJobs.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grouped alert's whole cycle on real parts, with a failure in the middle: Kafka events in, a
 * Flink mini cluster with two task managers, notifications to the Slack stand-in, transitions to
 * the alerts topic. One task manager is killed between firing and resolving; the job restores from
 * its last checkpoint and the cycle completes with nothing lost and nothing written twice.
 */
@RequiresProgram(Program.ALERTMANAGER)
class NotificationsIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @RegisterExtension
    static final InternalMiniClusterExtension FLINK = new InternalMiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(restarts())
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    match: {page: "=~/pricing|/blog"}
                    when: {above: 0.5}
                    severity: warning
                    annotations:
                      summary: "Bounce on {{page}} is {{value_text}}"
            """;

    private static final String ROUTES = """
            route:
              receiver: web
              group_by: [alertname, tenant]
              group_wait: 3s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;

    @TempDir
    Path checkpoints;

    @Test
    void aGroupedAlertFiresAndResolvesAcrossATaskManagerFailure() throws Exception {
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start()) {
            run(alertmanager);
        }
    }

    private void run(AlertmanagerProcess alertmanager) throws Exception {
        String events = KAFKA.topic("events", 2);
        String rules = KAFKA.compactedTopic("rules");
        String alerts = KAFKA.topic("alerts", 1);
        int port = freePort();
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: notifications-it
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s, kpis: %s, rules: %s, alerts: %s}
                event-time:
                  max-out-of-orderness: 1s
                  idleness: 1s
                  allowed-lateness: 1m
                state:
                  backend: hashmap
                  checkpoint-dir: %s
                  checkpoint-interval: 300ms
                metrics:
                  port: %d
                notify:
                  alertmanager:
                    urls: [%s]
                    resend-interval: 1s
                parallelism: 2
                """.formatted(KAFKA.bootstrapServers(), events, KAFKA.topic("dlq", 1), KAFKA.topic("kpis", 1), rules,
                alerts, checkpoints.toUri(), port, alertmanager.baseUri()), "it.yaml", Map.of());
        try (RulesPublisher publisher = new RulesPublisher(KAFKA.bootstrapServers(), rules, Map.of())) {
            publisher.publish(new RuleBundle(new TreeMap<>(Map.of("web.yaml", RULES))));
        }

        try (SlackStandIn slack = SlackStandIn.answeringOk()) {
            String api = slack.url("/api");
            Notifications notifications = Notifications.routedBy(RouteLoader.parse(ROUTES, "routes.yaml"))
                    .withSlack(() -> Optional.of(SlackEndpoint.bot("xoxb-it-secret", api)));
            StreamExecutionEnvironment env = FlinkSettings.apply(
                    new TestStreamEnvironment(FLINK.getMiniCluster(), 2), config);
            RedflagJob.define(env, config, KpiCatalog.builtins(config.kpis().windows()), notifications);
            JobClient job = env.executeAsync("notifications-it");
            try {
                Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> m.contains("redflag_rules_loaded 1.0"));

                // 10:00 window: /pricing bounces 2 of 3, /blog 1 of 1; an 11:10 event closes it
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T10:01:00Z", "/pricing", 1),
                        session("2026-11-20T10:02:00Z", "/pricing", 1),
                        session("2026-11-20T10:03:00Z", "/pricing", 4),
                        session("2026-11-20T10:04:00Z", "/blog", 1),
                        session("2026-11-20T11:10:00Z", "/home", 2)));
                Topics.send(KAFKA.bootstrapServers(), events, 1, List.of(
                        session("2026-11-20T11:10:00Z", "/home", 2)));

                List<HttpStandIn.Received> firing = Await.until(Duration.ofSeconds(60), () -> messages(slack),
                        r -> !r.isEmpty());
                assertThat(firing).hasSize(1);
                JsonNode post = JSON.readTree(firing.get(0).body());
                assertThat(firing.get(0).path()).isEqualTo("/api/chat.postMessage");
                assertThat(firing.get(0).header("Authorization")).isEqualTo("Bearer xoxb-it-secret");
                assertThat(post.get("channel").asText()).isEqualTo("#web-alerts");
                assertThat(post.get("text").asText()).isEqualTo("[FIRING:2] BounceHigh");
                assertThat(post.has("thread_ts")).isFalse();
                SlackGolden.assertMatches("job-firing.json", firing.get(0).body());

                // the chart of each firing follows in the message's thread, through Slack's upload flow
                List<HttpStandIn.Received> shared = Await.until(Duration.ofSeconds(60), () -> slack.received().stream()
                        .filter(r -> r.path().equals("/api/files.completeUploadExternal")).toList(), r -> r.size() == 2);
                for (HttpStandIn.Received complete : shared) {
                    JsonNode body = JSON.readTree(complete.body());
                    assertThat(body.get("channel_id").asText()).isEqualTo("C123");
                    assertThat(body.get("thread_ts").asText()).isEqualTo("1700000000.000001");
                    assertThat(body.get("files").get(0).get("title").asText()).startsWith("bounce_rate on ");
                }
                assertThat(slack.received().stream().filter(r -> r.path().startsWith("/upload/")))
                        .hasSize(2)
                        .allSatisfy(r -> assertThat(r.bytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'));

                // Alertmanager has both alerts, active, with the labels and annotations of the rule
                List<AlertmanagerApi.Alert> active = awaitAlerts(alertmanager, port, a -> a.size() == 2);
                assertThat(active).allSatisfy(a -> {
                    assertThat(a.active()).isTrue();
                    assertThat(a.labels()).containsEntry("alertname", "BounceHigh").containsEntry("tenant", "acme")
                            .containsEntry("severity", "warning");
                    assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
                });
                assertThat(active).extracting(a -> a.annotations().get("summary"))
                        .containsExactlyInAnyOrder("Bounce on /pricing is 66.7%", "Bounce on /blog is 100%");

                // the post is answered; once a checkpoint holds that, kill a task manager
                long before = completedCheckpoints(FLINK.getRestAddress(), job);
                Await.until(Duration.ofSeconds(30), () -> completedCheckpoints(FLINK.getRestAddress(), job),
                        n -> n >= before + 2);
                FLINK.getMiniCluster().terminateTaskManager(0).get();
                FLINK.getMiniCluster().startTaskManager();

                // after the restore, and with the input idle all along, both alerts still fire
                assertThat(awaitAlerts(alertmanager, port, l -> l.size() == 2)).allMatch(AlertmanagerApi.Alert::active);
                assertThat(messages(slack)).hasSize(1);

                // 11:00 window: both pages calm; a 12:10 event closes it
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T11:01:00Z", "/pricing", 3),
                        session("2026-11-20T11:02:00Z", "/blog", 2),
                        session("2026-11-20T12:10:00Z", "/home", 2)));
                Topics.send(KAFKA.bootstrapServers(), events, 1, List.of(
                        session("2026-11-20T12:10:00Z", "/home", 2)));

                // the two alerts are judged on different subtasks: on a loaded machine one may resolve a
                // group interval before the other, which is a "[FIRING:1]" reply first; what must hold is
                // that every later message is a reply in the incident's thread with an update of the
                // original, and that the group ends resolved. As in Alertmanager, an alert whose resolution
                // was told leaves the group: split, the last reply tells the one still firing, "[RESOLVED:1]"
                List<HttpStandIn.Received> all = Await.until(Duration.ofSeconds(90), () -> messages(slack),
                        r -> r.stream().anyMatch(m -> m.path().equals("/api/chat.update")
                                && m.body().contains("\"text\":\"[RESOLVED:")));
                List<HttpStandIn.Received> later = all.subList(1, all.size());
                assertThat(later).hasSizeBetween(2, 4);
                for (int i = 0; i < later.size(); i += 2) {
                    JsonNode reply = JSON.readTree(later.get(i).body());
                    JsonNode update = JSON.readTree(later.get(i + 1).body());
                    assertThat(later.get(i).path()).isEqualTo("/api/chat.postMessage");
                    assertThat(reply.get("thread_ts").asText()).isEqualTo("1700000000.000001");
                    assertThat(later.get(i + 1).path()).isEqualTo("/api/chat.update");
                    assertThat(update.get("channel").asText()).isEqualTo("C123");
                    assertThat(update.get("ts").asText()).isEqualTo("1700000000.000001");
                    assertThat(update.get("text")).isEqualTo(reply.get("text"));
                    assertThat(update.get("blocks")).isEqualTo(reply.get("blocks"));
                }
                HttpStandIn.Received lastReply = later.get(later.size() - 2);
                if (later.size() == 2) {
                    assertThat(JSON.readTree(lastReply.body()).get("text").asText()).isEqualTo("[RESOLVED:2] BounceHigh");
                    SlackGolden.assertMatches("job-resolved-reply.json", lastReply.body());
                } else {
                    assertThat(later).hasSize(4);
                    assertThat(JSON.readTree(later.get(0).body()).get("text").asText()).isEqualTo("[FIRING:1] BounceHigh");
                    assertThat(JSON.readTree(lastReply.body()).get("text").asText()).isEqualTo("[RESOLVED:1] BounceHigh");
                }

                // resolved by endsAt: Alertmanager 0.25 lists only alerts that have not ended
                awaitAlerts(alertmanager, port, List::isEmpty);

                // exactly once: each transition once to a read_committed reader, restore or not
                List<String> transitions = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> reader = Topics.reader(KAFKA.bootstrapServers(), alerts)) { // read_committed
                    Await.until(Duration.ofSeconds(60), () -> {
                        Topics.poll(reader).forEach(r -> transitions.add(new String(r.value(), StandardCharsets.UTF_8)));
                        return transitions;
                    }, t -> t.size() >= 4);
                    Topics.poll(reader).forEach(r -> transitions.add(new String(r.value(), StandardCharsets.UTF_8)));
                }
                // resolved by the calm 11:00 window, not as stale while the input was idle
                assertThat(transitions).extracting(t -> JSON.readTree(t).get("state").asText() + " "
                                + JSON.readTree(t).get("labels").get("page").asText() + " at "
                                + JSON.readTree(t).get("at").asText())
                        .containsExactlyInAnyOrder("firing /pricing at 2026-11-20T11:00:00Z",
                                "firing /blog at 2026-11-20T11:00:00Z", "resolved /pricing at 2026-11-20T12:00:00Z",
                                "resolved /blog at 2026-11-20T12:00:00Z");
                assertThat(String.join("\n", transitions)).doesNotContain("xoxb-it-secret");
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Alertmanager's alerts once they satisfy {@code done}; on a timeout, its log and ours say why. */
    private static List<AlertmanagerApi.Alert> awaitAlerts(AlertmanagerProcess alertmanager, int metricsPort,
                                                           java.util.function.Predicate<List<AlertmanagerApi.Alert>> done)
            throws InterruptedException {
        try {
            return Await.until(Duration.ofSeconds(30), alertmanager::alerts, done);
        } catch (AssertionError e) {
            String sent = scrapeQuietly(metricsPort).lines().filter(l -> l.contains("alertmanager"))
                    .reduce("", (x, y) -> x + "\n" + y);
            throw new AssertionError(e.getMessage() + "\nour metrics:" + sent + "\nAlertmanager log:\n"
                    + alertmanager.log(), e);
        }
    }

    /** The messages Slack got, without the requests that upload charts. */
    private static List<HttpStandIn.Received> messages(SlackStandIn slack) {
        return slack.received().stream().filter(r -> r.path().startsWith("/api/chat.")).toList();
    }
}
