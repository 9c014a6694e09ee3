package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.local.SlackMessages.Message;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.testing.Await;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's real processes — a Kafka broker, a Flink JobManager and two TaskManagers, started
 * by {@code redflag-local} as a person starts them — with the job submitted to them, Slack played by a
 * local server the TaskManagers post to, and events flowing at a steady rate the whole time.
 *
 * <p>Failover: a TaskManager that runs tasks is killed with SIGKILL while an alert fires, later the Kafka
 * broker is stopped and started while another fires; the job recovers from its last checkpoint each time.
 * The alerts topic then holds every expected transition exactly once (read_committed), and Slack got every
 * firing and resolved notification, repeated only within the documented bound. Upgrade: the job is stopped
 * with a savepoint while an alert fires, and started from it with another rule set, another parallelism
 * and more KPI windows, from another build of the jar (its manifest says version 0.2.0-it, and the job's
 * name shows it); the alert is still firing (no second firing, no spurious resolve) and resolves once.
 * The recovery times are printed and written to {@code target/local-stack-recovery.txt}. The script talks
 * to Flink's REST API with curl and reads its answers with jq, so the test needs both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresProgram({Program.CURL, Program.JQ})
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofSeconds(4);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

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

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run leaves its logs and data for a look
    static Path dir;

    private static SlackStandIn slack;
    private static LocalStack stack;
    private static final List<long[]> slackCounts = new CopyOnWriteArrayList<>();
    private static ScheduledExecutorService slackWatch;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        slack = SlackStandIn.answeringOk();
        // how many requests Slack had got when: to tell which ones came after a checkpoint
        slackWatch = Executors.newSingleThreadScheduledExecutor();
        slackWatch.scheduleAtFixedRate(() -> slackCounts.add(new long[] {System.currentTimeMillis(),
                slack.received().size()}), 0, 20, TimeUnit.MILLISECONDS);
        stack = new LocalStack(dir.resolve("stack"),
                Map.of("SLACK_BOT_TOKEN", "xoxb-local-it", "SLACK_API_URL", slack.url("/api")));
        Files.createDirectories(stack.directory());
        stack.run("start", "kafka", "jobmanager", "taskmanager-1", "taskmanager-2");
    }

    @AfterAll
    static void stopStack() throws IOException {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (slackWatch != null) {
                slackWatch.shutdownNow();
            }
            if (slack != null) {
                slack.close();
            }
            if (!report.isEmpty()) {
                Path target = Path.of("target");
                if (Files.isDirectory(target)) {
                    Files.writeString(target.resolve("local-stack-recovery.txt"), String.join("\n", report) + "\n");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ failover

    @Test
    @Order(1)
    void aTaskManagerKillAndABrokerRestartLoseNoTransition() throws Exception {
        Path rules = rules("failover", """
                groups:
                  - name: web
                    rules:
                      - alert: BounceHigh
                        kpi: bounce_rate
                        match: {page: "=~/pricing|/blog"}
                        when: {above: 0.5}
                        severity: warning
                        annotations:
                          summary: "Bounce on {{page}} is {{value}}"
                """);
        stack.run("submit", "--config", jobConfig("failover", 2, "[1h]").toString(), "--rules", rules.toString());
        String job = stack.jobId();
        awaitRulesLoaded(1);

        try (SessionFeed feed = new SessionFeed(stack.bootstrapServers(), "failover-events",
                List.of("/pricing", "/blog", "/home"), HOUR).start()) {
            awaitHours(feed, 1);

            // 1. a TaskManager that runs tasks (the one with the Slack sink) dies while /pricing fires
            feed.incident("/pricing");
            awaitSlack("BounceHigh", "FIRING", "/pricing");
            Failure tmKill = failure(job);
            String victim = stack.taskManagerRunning(job, "notification-dispatch");
            stack.run("kill", victim);
            Recovery afterKill = awaitRestore(job, tmKill.at());
            stack.run("start", victim);
            record("TaskManager kill (" + victim + ", SIGKILL)", afterKill);

            feed.calm("/pricing");
            awaitSlack("BounceHigh", "RESOLVED", "/pricing");

            // 2. the broker stops and starts again while /blog fires
            feed.incident("/blog");
            awaitSlack("BounceHigh", "FIRING", "/blog");
            Failure brokerStop = failure(job);
            stack.run("stop", "kafka");
            stack.run("start", "kafka");
            long back = System.currentTimeMillis();
            Recovery afterBroker = awaitCheckpointAfter(job, brokerStop.at(), back);
            record("Kafka broker stop and start", afterBroker);

            feed.calm("/blog");
            awaitSlack("BounceHigh", "RESOLVED", "/blog");
            awaitHours(feed, feed.hoursDone() + 2);
            feed.close();

            List<SessionFeed.Transition> expected = feed.expectedTransitions(feed.hoursDone() - 1);
            assertThat(expected).hasSize(4);
            List<String> actual = alertTransitions("failover-alerts", "BounceHigh", expected.size());
            assertThat(actual).as("transitions on the alerts topic (read_committed)")
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(SessionFeed.Transition::toString).toList());

            checkSlack("BounceHigh", expected, List.of(tmKill, brokerStop));
        } finally {
            cancel();
        }
    }

    // ------------------------------------------------------------------------------------------ upgrade

    @Test
    @Order(2)
    void anUpgradeFromASavepointKeepsAFiringAlert() throws Exception {
        String bounceOver = """
                      - alert: BounceOver
                        kpi: bounce_rate
                        match: {page: "=~/pricing|/blog"}
                        when: {above: 0.5}
                        severity: warning
                        annotations:
                          summary: "Bounce on {{page}} is {{value}}"
                """;
        Path v1 = rules("upgrade-v1", "groups:\n  - name: web\n    rules:\n" + bounceOver);
        stack.run("submit", "--config", jobConfig("upgrade", 2, "[1h]").toString(), "--rules", v1.toString());
        assertThat(stack.jobName(stack.jobId())).isEqualTo("redflag " + System.getProperty("redflag.version"));
        awaitRulesLoaded(1);

        try (SessionFeed feed = new SessionFeed(stack.bootstrapServers(), "upgrade-events",
                List.of("/pricing", "/blog", "/home"), HOUR).start()) {
            awaitHours(feed, 1);
            feed.incident("/pricing");
            awaitSlack("BounceOver", "FIRING", "/pricing");

            // version 2: another jar, a new rule beside the firing one, parallelism 3 instead of 2, a daily KPI
            // window more
            String savepoint = stack.run("stop-job");
            assertThat(savepoint).contains("stopped with savepoint");
            Path v2 = rules("upgrade-v2", "groups:\n  - name: web\n    rules:\n" + bounceOver + """
                          - alert: BounceSevere
                            kpi: bounce_rate
                            window: 1h
                            match: {page: /blog}
                            when: {above: 0.8}
                            severity: critical
                            annotations:
                              summary: "Bounce on {{page}} is {{value}}"
                    """);
            Path jar = newVersion(Path.of(System.getProperty("redflag.cluster.jar")), "0.2.0-it");
            stack.run(Map.of("REDFLAG_LOCAL_JAR", jar.toString()), "submit", "--from-savepoint", "latest", "--config",
                    jobConfig("upgrade", 3, "[1h, 1d/1h]").toString(), "--rules", v2.toString());
            assertThat(stack.jobName(stack.jobId())).isEqualTo("redflag 0.2.0-it");
            awaitRulesLoaded(2);

            feed.incident("/blog", 0.9);
            awaitSlack("BounceSevere", "FIRING", "/blog");
            feed.calm("/pricing");
            feed.calm("/blog");
            awaitSlack("BounceOver", "RESOLVED", "/pricing");
            awaitSlack("BounceSevere", "RESOLVED", "/blog");
            awaitHours(feed, feed.hoursDone() + 2);
            feed.close();

            List<SessionFeed.Transition> expected = feed.expectedTransitions(feed.hoursDone() - 1);
            assertThat(expected).hasSize(4);
            List<String> over = alertTransitions("upgrade-alerts", "BounceOver", expected.size());
            assertThat(over).as("BounceOver across the upgrade: fired once before it, resolved once after it")
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(SessionFeed.Transition::toString).toList());
            List<String> severe = alertTransitions("upgrade-alerts", "BounceSevere", 2);
            assertThat(severe).as("the new rule").containsExactlyInAnyOrderElementsOf(expected.stream()
                    .filter(t -> t.page().equals("/blog")).map(SessionFeed.Transition::toString).toList());

            // Slack: the /pricing incident is one message and one resolution, however the job was stopped
            assertThat(posts("BounceOver", "FIRING", "/pricing", null)).hasSize(1);
            assertThat(posts("BounceOver", "RESOLVED", "/pricing", null)).hasSize(1);
        } finally {
            cancel();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Another build of the job: a copy of {@code jar} whose manifest says {@code version}. */
    private static Path newVersion(Path jar, String version) throws IOException {
        Path copy = Files.copy(jar, dir.resolve("redflag-cluster-" + version + ".jar"));
        try (FileSystem zip = FileSystems.newFileSystem(copy)) {
            Path file = zip.getPath("META-INF", "MANIFEST.MF");
            Manifest manifest;
            try (InputStream in = Files.newInputStream(file)) {
                manifest = new Manifest(in);
            }
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream out = Files.newOutputStream(file)) {
                manifest.write(out);
            }
        }
        return copy;
    }

    /** Cancels the test's job, if it still runs; a failure here must not hide the test's own. */
    private static void cancel() {
        try {
            stack.run("cancel");
        } catch (AssertionError e) {
            System.out.println("could not cancel the job: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Path rules(String name, String yaml) throws IOException {
        Path rules = Files.createDirectories(dir.resolve(name));
        Files.writeString(rules.resolve("web.yaml"), yaml);
        return rules;
    }

    private static Path jobConfig(String name, int parallelism, String windows) throws IOException {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, ROUTES);
        return stack.writeJobConfig(dir.resolve(name + "-" + parallelism + ".yaml"), name, parallelism, windows,
                dir.resolve("checkpoints"), CHECKPOINT_INTERVAL, routes, false);
    }

    private static void awaitRulesLoaded(int rules) throws InterruptedException {
        Await.until(Duration.ofSeconds(60), stack::scrapeMetrics,
                m -> m.contains("redflag_rules_loaded " + rules + ".0"));
    }

    private static void awaitHours(SessionFeed feed, int hours) throws InterruptedException {
        Await.until(HOUR.multipliedBy(hours + 5L), () -> {
            feed.check();
            return feed.hoursDone();
        }, h -> h >= hours);
    }

    /** A failure about to be caused: when, and the checkpoint the job will restore from. */
    private record Failure(long at, long lastCheckpoint) {
    }

    private static Failure failure(String job) throws InterruptedException {
        // a checkpoint that covers what was sent so far, so the restore has something to keep
        long now = System.currentTimeMillis();
        Await.until(Duration.ofSeconds(30), () -> stack.status(job), s -> s.lastCheckpointAck() > now);
        long at = System.currentTimeMillis();
        return new Failure(at, stack.status(job).lastCheckpointAck());
    }

    /**
     * How long the job took to be back after a failure at {@code since}, from Flink's own timestamps: the
     * restore from a checkpoint (null when the job did not restart) and the first checkpoint completed after
     * it, when the job is processing again with its state.
     */
    private record Recovery(Duration restored, Duration checkpoint) {
    }

    /** Waits for a restore from a checkpoint after {@code since}, all tasks running, and a new checkpoint. */
    private static Recovery awaitRestore(String job, long since) throws InterruptedException {
        LocalStack.JobStatus running = Await.until(Duration.ofSeconds(120), () -> stack.status(job),
                s -> s.restoredAt() > since && s.allRunning());
        LocalStack.JobStatus checkpointed = Await.until(Duration.ofSeconds(60), () -> stack.status(job),
                s -> s.lastCheckpointAck() > running.restoredAt());
        return new Recovery(Duration.ofMillis(running.restoredAt() - since),
                Duration.ofMillis(checkpointed.lastCheckpointAck() - since));
    }

    /**
     * After an outage from {@code since} to {@code back}: all tasks running and a checkpoint completed
     * after the outage; whether the job restarted from a checkpoint on the way.
     */
    private static Recovery awaitCheckpointAfter(String job, long since, long back) throws InterruptedException {
        LocalStack.JobStatus status = Await.until(Duration.ofSeconds(180), () -> stack.status(job),
                s -> s.allRunning() && s.lastCheckpointAck() > back);
        return new Recovery(status.restoredAt() > since ? Duration.ofMillis(status.restoredAt() - since) : null,
                Duration.ofMillis(status.lastCheckpointAck() - since));
    }

    private static void record(String what, Recovery recovery) {
        String line = String.format(Locale.ROOT, "RECOVERY %s: %s, first checkpoint after it %.1f s after the failure",
                what, recovery.restored() == null ? "no restart (sources and sinks waited for the broker)"
                        : String.format(Locale.ROOT, "restored from its last checkpoint %.1f s after the failure",
                        recovery.restored().toMillis() / 1000.0), recovery.checkpoint().toMillis() / 1000.0);
        System.out.println(line);
        report.add(line);
    }

    /**
     * Transitions of {@code alert} on the alerts topic as {@code state page at T}, read from the start by a
     * {@code read_committed} reader in a new consumer group, as a user's program reads them, once {@code count}
     * are there and two more checkpoint intervals have passed (anything written twice would be committed by then).
     */
    private static List<String> alertTransitions(String topic, String alert, int count) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = AlertsReader.groupConsumer(stack.bootstrapServers(),
                "it-" + topic + "-" + alert)) {
            reader.subscribe(List.of(topic));
            try {
                Await.until(Duration.ofSeconds(90), () -> {
                    reader.poll(Duration.ofMillis(200))
                            .forEach(r -> all.add(json(new String(r.value(), StandardCharsets.UTF_8))));
                    return all.stream().filter(t -> t.path("alert").asText().equals(alert)).count();
                }, n -> n >= count);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + topic + " holds:\n" + all + "\nin " + dir, e);
            }
            long until = System.currentTimeMillis() + CHECKPOINT_INTERVAL.multipliedBy(2).toMillis() + 1000;
            while (System.currentTimeMillis() < until) {
                reader.poll(Duration.ofMillis(200)).forEach(r -> all.add(json(new String(r.value(), StandardCharsets.UTF_8))));
            }
        }
        return all.stream().filter(t -> t.path("alert").asText().equals(alert))
                .map(t -> t.path("state").asText() + " " + t.path("labels").path("page").asText() + " at "
                        + t.path("at").asText())
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<Message> messages() {
        return SlackMessages.read(slack.received(), i -> true);
    }

    private static List<Message> posts(String alert, String state, String page, String window) {
        return messages().stream().filter(Message::post)
                .filter(m -> m.about(alert, state, page, window)).toList();
    }

    private static void awaitSlack(String alert, String state, String page) throws InterruptedException {
        Await.until(Duration.ofSeconds(120), () -> posts(alert, state, page, null), l -> !l.isEmpty());
    }

    /**
     * Every expected notification arrived, and a notification arrived twice only if its first copy came
     * between the last checkpoint before a failure and the failure (docs/notifications.md, "Guarantees").
     */
    private static void checkSlack(String alert, List<SessionFeed.Transition> expected, List<Failure> failures) {
        Map<String, List<Message>> byNotification = new LinkedHashMap<>();
        for (SessionFeed.Transition t : expected) {
            String state = t.state().toUpperCase(Locale.ROOT);
            String window = SlackMessages.window(t.at());
            byNotification.put("post " + t, posts(alert, state, t.page(), window));
            if (state.equals("RESOLVED")) {
                byNotification.put("update " + t, messages().stream().filter(Message::update)
                        .filter(m -> m.about(alert, state, t.page(), window)).toList());
            }
        }
        int duplicates = 0;
        for (Map.Entry<String, List<Message>> n : byNotification.entrySet()) {
            assertThat(n.getValue()).as("Slack: " + n.getKey()).isNotEmpty();
            Message first = n.getValue().get(0);
            if (n.getValue().size() > 1) {
                duplicates += n.getValue().size() - 1;
                assertThat(failures).as("Slack: " + n.getKey() + " was repeated, so its first copy (request "
                        + first.index() + ") came after the last checkpoint before a failure")
                        .anyMatch(f -> first.index() >= countAt(f.lastCheckpoint() - 1000) && first.index() < countAt(f.at() + 1000));
            }
        }
        String line = "DUPLICATES Slack notifications repeated after the failures: " + duplicates + " of "
                + byNotification.size();
        System.out.println(line);
        report.add(line);
    }

    /** How many requests Slack had got at {@code millis}. */
    private static long countAt(long millis) {
        long count = 0;
        for (long[] c : slackCounts) {
            if (c[0] <= millis) {
                count = c[1];
            }
        }
        return count;
    }
}
