package dev.redflag.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackStandIn;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.redflag.pipeline.MiniClusterJobs.completedCheckpoints;
import static dev.redflag.pipeline.MiniClusterJobs.freePort;
import static dev.redflag.pipeline.MiniClusterJobs.restarts;
import static dev.redflag.pipeline.MiniClusterJobs.scrapeQuietly;
import static dev.redflag.pipeline.MiniClusterJobs.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack down through a whole incident, on real parts: Kafka events in, a Flink mini cluster,
 * notifications to the Slack stand-in. Slack answers 500 while one alert fires, then refuses
 * connections; a task manager dies and the job restores from its checkpoint; meanwhile that alert
 * resolves and another fires. Once Slack is back it gets exactly one message per group, each the
 * group as it stands: the first alert resolved (its firing, never delivered, is not replayed) and
 * the second firing. The gauges tell the backlog all along.
 */
class SlackOutageIT {

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
            """;

    /** One group per page; a group interval of 1 s caps the waits between tries at 1 s. */
    private static final String ROUTES = """
            route:
              receiver: web
              group_by: [alertname, page]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;

    private static final String PENDING = "redflag_notifications_pending{integration=\"slack\",receiver=\"web\"}";
    private static final String OLDEST =
            "redflag_notifications_oldest_pending_seconds{integration=\"slack\",receiver=\"web\"}";
    private static final String FAILURES =
            "redflag_notification_consecutive_failures{integration=\"slack\",receiver=\"web\"}";

    @TempDir
    Path checkpoints;

    @Test
    void nothingIsLostWhileSlackIsDownAcrossARestartAndSlackIsToldEachGroupAsItStands() throws Exception {
        String events = KAFKA.topic("events", 2);
        String rules = KAFKA.compactedTopic("rules");
        int port = freePort();
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: slack-outage-it
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
                parallelism: 2
                """.formatted(KAFKA.bootstrapServers(), events, KAFKA.topic("dlq", 1), KAFKA.topic("kpis", 1), rules,
                KAFKA.topic("alerts", 1), checkpoints.toUri(), port), "it.yaml", Map.of());
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
            JobClient job = env.executeAsync("slack-outage-it");
            try {
                Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> m.contains("redflag_rules_loaded 1.0"));
                assertThat(gauge(scrapeQuietly(port), PENDING)).isZero();

                // Slack answers 500 from here on
                slack.down(500, "internal_error");

                // 10:00 window: /pricing bounces 2 of 3 and fires; /blog bounces 0 of 1; 11:00:05 events close it
                // (and keep the watermark close enough to 11:00 that the 11:01 events below are not late)
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T10:01:00Z", "/pricing", 1),
                        session("2026-11-20T10:02:00Z", "/pricing", 1),
                        session("2026-11-20T10:03:00Z", "/pricing", 4),
                        session("2026-11-20T10:04:00Z", "/blog", 3),
                        session("2026-11-20T11:00:05Z", "/home", 2)));
                Topics.send(KAFKA.bootstrapServers(), events, 1, List.of(
                        session("2026-11-20T11:00:05Z", "/home", 2)));

                // the firing of /pricing fails its quick attempts and waits, in the writer's state
                Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> gauge(m, PENDING) == 1 && gauge(m, FAILURES) >= 1);
                long firstSeenWaiting = System.currentTimeMillis();
                assertThat(posts(slack.received()))
                        .allSatisfy(r -> assertThat(text(r)).isEqualTo("[FIRING:1] BounceHigh"));

                // then Slack refuses connections; a checkpoint holds the waiting firing; a task manager dies
                slack.refuseConnections();
                long before = completedCheckpoints(FLINK.getRestAddress(), job);
                Await.until(Duration.ofSeconds(30), () -> completedCheckpoints(FLINK.getRestAddress(), job),
                        n -> n >= before + 2);
                FLINK.getMiniCluster().terminateTaskManager(0).get();
                FLINK.getMiniCluster().startTaskManager();

                // restored: the firing still waits (the closed writer told its backlog empty, so this is
                // the restored one's), since before the failure, and still fails
                Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> gauge(m, PENDING) == 1 && gauge(m, FAILURES) >= 1);
                double waited = (System.currentTimeMillis() - firstSeenWaiting) / 1000.0;
                assertThat(gauge(scrapeQuietly(port), OLDEST)).isGreaterThanOrEqualTo(waited);

                // 11:00 window, Slack still away: /pricing calm (resolves), /blog bounces 1 of 1 (fires); 12:10
                // closes it. All on partition 0: partition 1 gets nothing after the restore, so it counts as idle
                // within event-time.idleness (1 s) and stops holding the watermark back. A 12:10 event on it
                // could move the windows' watermark past 12:01 before partition 0 (idle as well, until its
                // records come) has handed over the 11:0x events; those would then find their windows
                // expired (dropped and counted), which is what made this test fail in 3 of 9 runs
                Topics.send(KAFKA.bootstrapServers(), events, 0, List.of(
                        session("2026-11-20T11:01:00Z", "/pricing", 3),
                        session("2026-11-20T11:02:00Z", "/blog", 1),
                        session("2026-11-20T12:10:00Z", "/home", 2)));

                // both groups have their notice waiting: /pricing's resolution has taken the place of its
                // firing, unless that firing was out (a try under way) when the resolution came
                Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> transitions(m, "resolved") >= 1 && transitions(m, "firing") >= 1 && gauge(m, PENDING) >= 2);
                assertThat(slack.taken()).isEmpty();

                slack.up();
                String after = Await.until(Duration.ofSeconds(60), () -> scrapeQuietly(port),
                        m -> gauge(m, PENDING) == 0 && counter(m, "sent") >= 2);
                assertThat(gauge(after, FAILURES)).isZero();
                assertThat(gauge(after, OLDEST)).isZero();
                assertThat(counter(after, "failed")).isZero();
                assertThat(gauge(after, "redflag_kpi_contributions_expired_total{kpi=\"bounce_rate\"}"))
                        .as("contributions that found their window expired").isZero();

                // nothing more comes: a few group intervals and checkpoints later. Each group is told as it
                // stands, in order: /pricing resolved (after its firing only when that firing was the try
                // under way as Slack came back, the one duplicate the restore may cause), /blog firing
                long settled = completedCheckpoints(FLINK.getRestAddress(), job);
                Await.until(Duration.ofSeconds(30), () -> completedCheckpoints(FLINK.getRestAddress(), job),
                        n -> n >= settled + 5);
                List<String> told = slack.taken().stream().filter(r -> r.path().equals("/api/chat.postMessage"))
                        .map(r -> text(r) + " " + page(r)).toList();
                assertThat(told).contains("[RESOLVED:1] BounceHigh /pricing", "[FIRING:1] BounceHigh /blog")
                        .doesNotHaveDuplicates();
                List<String> pricing = told.stream().filter(t -> t.endsWith("/pricing")).toList();
                assertThat(pricing).isIn(List.of("[RESOLVED:1] BounceHigh /pricing"),
                        List.of("[FIRING:1] BounceHigh /pricing", "[RESOLVED:1] BounceHigh /pricing"));
                assertThat(told).hasSize(1 + pricing.size());
                assertThat(counter(scrapeQuietly(port), "resent")).isLessThanOrEqualTo(pricing.size() - 1);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static List<HttpStandIn.Received> posts(List<HttpStandIn.Received> requests) {
        return requests.stream().filter(r -> r.path().equals("/api/chat.postMessage")).toList();
    }

    private static String text(HttpStandIn.Received r) {
        try {
            return JSON.readTree(r.body()).get("text").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The page the message is about, from its blocks. */
    private static String page(HttpStandIn.Received r) {
        return r.body().contains("/pricing") ? "/pricing" : r.body().contains("/blog") ? "/blog" : "?";
    }

    private static double gauge(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double counter(String metrics, String outcome) {
        return gauge(metrics, "redflag_notifications_total{integration=\"slack\",outcome=\"" + outcome
                + "\",receiver=\"web\"}");
    }

    private static double transitions(String metrics, String state) {
        return gauge(metrics, "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\""
                + state + "\"}");
    }
}
