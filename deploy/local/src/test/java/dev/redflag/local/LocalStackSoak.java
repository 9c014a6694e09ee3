package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redflag.local.SlackMessages.Message;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.testing.AlertmanagerApi;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: the local stack's real processes under steady traffic for {@code soak.minutes} (30 unless
 * set), a TaskManager killed with SIGKILL every {@code soak.kill-every} minutes (5), the broker stopped
 * and started once, Slack answering 503 for {@code soak.slack-outage} minutes (5), the stack's Alertmanager
 * stopped for {@code soak.alertmanager-outage} minutes (half the run) and started again. At the end the
 * alerts topic must hold every transition the traffic calls for exactly once, Slack must have got every
 * notification, Alertmanager's active alerts must be exactly those the topic says are firing, and the
 * checkpoint size and the JobManager's heap must not grow over the second half.
 * The figures (recovery after each failure, checkpoint size and heap over time) are printed as a table
 * and written to {@code target/soak-report.md}, before the checks, so that a failed run has them too.
 *
 * <p>A benchmark, not a test of the default run (failsafe runs {@code *IT} classes only):
 * {@code deploy/local/redflag-local soak --minutes 30} runs it; docs/deploy.md ("Soak") holds the figures.
 * The traffic is {@link SessionFeed}'s, with incidents on a fixed schedule, so the expected transitions
 * follow from what was sent and nothing else.
 */
@RequiresProgram({Program.CURL, Program.JQ, Program.ALERTMANAGER})
class LocalStackSoak {

    private static final Duration HOUR = Duration.ofSeconds(4);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);
    /** How long a transition has been on the alerts topic before Alertmanager must show it: two checkpoints. */
    private static final Duration SETTLED = CHECKPOINT_INTERVAL.multipliedBy(2);
    private static final String ALERT = "BounceHigh";
    private static final List<String> PAGES = List.of("/pricing", "/blog", "/home", "/docs", "/signup", "/checkout");
    /** Per page: the period of its incidents in simulated hours, and how many hours each lasts. */
    private static final int[][] INCIDENTS = {{7, 2}, {9, 3}, {11, 2}, {13, 4}, {8, 1}, {10, 3}};

    private static final String ROUTES = """
            route:
              receiver: web
              group_by: [alertname, page]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
              send_every_transition: true
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run leaves its logs and data for a look
    Path dir;

    private final Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 30));
    private final Duration killEvery = Duration.ofMinutes(Long.getLong("soak.kill-every", 5));
    private final Duration slackOutage = Duration.ofMinutes(Long.getLong("soak.slack-outage", 5));
    private final Duration alertmanagerOutage = Duration.ofSeconds(Math.round(60 * Double.parseDouble(
            System.getProperty("soak.alertmanager-outage", Double.toString(length.toMinutes() / 2.0)))));

    private LocalStack stack;
    private SlackStandIn slack;
    private String job;
    private final List<String> lines = new ArrayList<>();

    /** Page {@code p} is in an incident in the hours its period and length say, offset so pages differ. */
    static boolean incident(String page, int hour) {
        int p = PAGES.indexOf(page);
        return hour >= 3 && (hour + 3 * p) % INCIDENTS[p][0] < INCIDENTS[p][1];
    }

    @Test
    void soak() throws Exception {
        slack = SlackStandIn.answeringOk();
        stack = new LocalStack(dir.resolve("stack"),
                Map.of("SLACK_BOT_TOKEN", "xoxb-local-soak", "SLACK_API_URL", slack.url("/api")));
        Files.createDirectories(stack.directory());
        ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
        try {
            stack.run("start", "kafka", "alertmanager", "jobmanager", "taskmanager-1", "taskmanager-2");
            stack.run("submit", "--config", jobConfig().toString(), "--rules", rules().toString());
            job = stack.jobId();
            Await.until(Duration.ofSeconds(60), stack::scrapeMetrics, m -> m.contains("redflag_rules_loaded 1.0"));
            run(sampling);
        } finally {
            sampling.shutdownNow();
            try {
                stack.close();
            } finally {
                slack.close();
            }
        }
    }

    private void run(ScheduledExecutorService sampling) throws Exception {
        List<Sample> samples = new CopyOnWriteArrayList<>();
        long hours = length.toSeconds() / HOUR.toSeconds();
        try (AlertsReader alerts = new AlertsReader(stack.bootstrapServers(), "soak-alerts", "soak-reader").start();
             SessionFeed feed = new SessionFeed(stack.bootstrapServers(), "soak-events", PAGES, HOUR,
                     Duration.ofHours(hours + 72), LocalStackSoak::incident)) {
            long t0 = System.currentTimeMillis();
            sampling.scheduleAtFixedRate(() -> samples.add(sample(t0)), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            feed.start();

            List<Recovery> recoveries = new ArrayList<>();
            long outageFrom = 0;
            long outageTo = 0;
            int refusedFrom = 0;
            int refusedTo = 0;
            AlertmanagerApi alertmanager = new AlertmanagerApi(stack.alertmanagerUri());
            long alertmanagerDown = 0;
            long alertmanagerUp = 0;
            CompletableFuture<AlertmanagerBack> alertmanagerRight =
                    CompletableFuture.completedFuture(new AlertmanagerBack(0, 0, 0));
            for (Step step : plan()) {
                waitUntil(t0 + step.at().toMillis());
                feed.check();
                switch (step.kind()) {
                    case KILL -> recoveries.add(kill(alerts, t0));
                    case BROKER -> recoveries.add(brokerRestart(alerts, t0));
                    case SLACK_DOWN -> {
                        refusedFrom = slack.received().size();
                        slack.unavailable(true);
                        outageFrom = System.currentTimeMillis();
                    }
                    case SLACK_UP -> {
                        slack.unavailable(false);
                        outageTo = System.currentTimeMillis();
                        refusedTo = slack.received().size();
                    }
                    case ALERTMANAGER_DOWN -> {
                        alertmanagerDown = System.currentTimeMillis();
                        stack.run("stop", "alertmanager");
                    }
                    case ALERTMANAGER_UP -> {
                        stack.run("start", "alertmanager"); // the same configuration and storage directory
                        alertmanagerUp = System.currentTimeMillis();
                        alertmanagerRight = firstRight(alerts, alertmanager, alertmanagerUp);
                    }
                }
            }
            waitUntil(t0 + length.toMillis());
            int sent = feed.hoursDone();
            Await.until(HOUR.multipliedBy(4), feed::hoursDone, h -> h >= sent + 2); // the last windows close
            feed.close();
            sampling.shutdown();

            int closed = feed.hoursDone() - 1;
            List<SessionFeed.Transition> expected = feed.expectedTransitions(closed);
            Instant lastWindow = feed.endOf(closed - 1);
            // every expected transition is committed within a few checkpoints of its window's end
            settle(Duration.ofSeconds(120), () -> alerts.transitions(ALERT, lastWindow).size(), n -> n >= expected.size());
            Thread.sleep(CHECKPOINT_INTERVAL.multipliedBy(2).toMillis() + 1000); // anything written twice shows by then
            AlertCheck alertCheck = AlertCheck.of(expected, alerts.transitions(ALERT, lastWindow));

            int from = refusedFrom;
            int to = refusedTo;
            long down = outageFrom;
            long up = outageTo;
            Supplier<SlackCheck> slackNow = () -> {
                List<HttpStandIn.Received> received = slack.received();
                return SlackCheck.of(expected, SlackMessages.read(received, i -> i < from || i >= to),
                        SlackMessages.read(received, i -> i >= from && i < to));
            };
            SlackCheck slackCheck = settle(Duration.ofSeconds(60), slackNow, SlackCheck::complete);
            // nothing is in flight any more: every transition counts, and nothing may be ahead of the topic
            AlertmanagerCheck alertmanagerCheck = settle(Duration.ofSeconds(120),
                    () -> alertmanagerCheck(alerts, alertmanager, Long.MAX_VALUE), AlertmanagerCheck::exact);
            List<String> resolvedSinceOutage = resolvedSince(alerts, alertmanagerDown);
            List<String> activeAtEnd = activePages(alertmanager);
            List<String> resolvedButActive = resolvedSinceOutage.stream().filter(activeAtEnd::contains).toList();
            AlertmanagerBack back = alertmanagerRight
                    .completeOnTimeout(new AlertmanagerBack(-1, 0, 0), 5, TimeUnit.MINUTES).get();
            report(feed, expected.size(), alertCheck, slackCheck, recoveries, samples, t0, down, up,
                    new AlertmanagerOutage(alertmanagerDown, alertmanagerUp, back, alertmanagerCheck,
                            resolvedSinceOutage, resolvedButActive));

            assertThat(alertCheck.missing()).as("transitions missing on the alerts topic").isEmpty();
            assertThat(alertCheck.duplicated()).as("transitions on the alerts topic more than once").isEmpty();
            assertThat(alertCheck.unexpected()).as("transitions on the alerts topic the traffic did not call for").isEmpty();
            assertThat(slackCheck.missingOutsideOutage()).as("Slack notifications lost outside the outage").isEmpty();
            assertThat(slackCheck.missingInOutage()).as("Slack notifications lost to the outage").isEmpty();
            assertThat(alertmanagerCheck.missing()).as("firing alerts not active in Alertmanager").isEmpty();
            assertThat(alertmanagerCheck.stale()).as("resolved alerts still active in Alertmanager").isEmpty();
            assertThat(alertmanagerCheck.wrong()).as("alerts active in Alertmanager since another time").isEmpty();
            assertThat(alertmanagerCheck.ahead()).as("alerts active in Alertmanager the topic has not firing").isEmpty();
            assertThat(resolvedButActive).as("alerts resolved during or after the Alertmanager outage, active in it")
                    .isEmpty();
            assertThat(back.rightAfter()).as("ms after Alertmanager came back until it showed every settled transition")
                    .isNotNegative();
            if (length.toMinutes() >= 20) {
                assertThat(Flatness.of(samples, Sample::checkpointBytes).growth())
                        .as("checkpoint size growth over the second half, of its mean").isLessThan(0.25);
                assertThat(Flatness.of(samples, Sample::jobManagerHeap).growth())
                        .as("JobManager heap growth over the second half, of its mean").isLessThan(0.25);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the plan

    private enum Kind { KILL, BROKER, SLACK_DOWN, SLACK_UP, ALERTMANAGER_DOWN, ALERTMANAGER_UP }

    private record Step(Duration at, Kind kind) {
    }

    /**
     * A kill every {@code killEvery}, the broker at 40 % of the run, Slack down from 55 %, Alertmanager
     * down from 45 %: after the broker is back (the plan's steps run one after the other, and a broker
     * restart's step ends once the job has checkpointed again), so the two outages never overlap.
     */
    private List<Step> plan() {
        List<Step> steps = new ArrayList<>();
        for (Duration at = killEvery; at.compareTo(length) < 0; at = at.plus(killEvery)) {
            steps.add(new Step(at, Kind.KILL));
        }
        steps.add(new Step(Duration.ofSeconds(length.toSeconds() * 40 / 100), Kind.BROKER));
        Duration down = Duration.ofSeconds(length.toSeconds() * 55 / 100);
        steps.add(new Step(down, Kind.SLACK_DOWN));
        steps.add(new Step(down.plus(slackOutage), Kind.SLACK_UP));
        if (!alertmanagerOutage.isZero()) {
            Duration amDown = Duration.ofSeconds(length.toSeconds() * 45 / 100);
            if (amDown.plus(alertmanagerOutage).compareTo(length) >= 0) {
                throw new IllegalArgumentException("an Alertmanager outage of " + alertmanagerOutage.toSeconds() / 60.0
                        + " minutes does not fit: it starts at 45 % of the " + length.toMinutes()
                        + "-minute run and must end before the run does");
            }
            steps.add(new Step(amDown, Kind.ALERTMANAGER_DOWN));
            steps.add(new Step(amDown.plus(alertmanagerOutage), Kind.ALERTMANAGER_UP));
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /** Like {@link Await#until}, but gives the last value instead of failing: the report comes before the checks. */
    private static <T> T settle(Duration timeout, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        T last = probe.get();
        while (!done.test(last) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            last = probe.get();
        }
        return last;
    }

    private static void waitUntil(long millis) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // the plan's clock: a failure happens at its minute, not on a condition
        }
    }

    // ------------------------------------------------------------------------------------------ failures

    /**
     * One failure and the way back, in seconds from the failure: Flink's restore from a checkpoint (null
     * when the job did not restart), all tasks running as seen from outside, the first checkpoint after
     * it, and the first alert record committed after that (the alerts topic advancing again).
     */
    record Recovery(String what, double minute, Double restored, double running, double checkpoint, double alerts) {
    }

    private Recovery kill(AlertsReader alerts, long t0) throws InterruptedException {
        String victim = stack.taskManagerRunning(job, "notification-dispatch");
        long at = System.currentTimeMillis();
        stack.run("kill", victim);
        LocalStack.JobStatus running = Await.until(Duration.ofSeconds(180), () -> stack.status(job),
                s -> s.restoredAt() > at && s.allRunning());
        long runningSeen = System.currentTimeMillis();
        stack.run("start", victim);
        return backAfter(alerts, "TaskManager kill (" + victim + ")", t0, at, running.restoredAt(), runningSeen);
    }

    private Recovery brokerRestart(AlertsReader alerts, long t0) throws InterruptedException {
        long at = System.currentTimeMillis();
        stack.run("stop", "kafka");
        stack.run("start", "kafka");
        long back = System.currentTimeMillis();
        LocalStack.JobStatus status = Await.until(Duration.ofSeconds(180), () -> stack.status(job),
                s -> s.allRunning() && s.lastCheckpointAck() > back);
        return backAfter(alerts, "broker stop and start", t0, at, status.restoredAt() > at ? status.restoredAt() : 0,
                System.currentTimeMillis());
    }

    private Recovery backAfter(AlertsReader alerts, String what, long t0, long at, long restoredAt, long runningSeen)
            throws InterruptedException {
        long since = Math.max(restoredAt, at);
        LocalStack.JobStatus checkpointed = Await.until(Duration.ofSeconds(120), () -> stack.status(job),
                s -> s.lastCheckpointAck() > since);
        long advanced = Await.until(Duration.ofSeconds(180), () -> alerts.firstReceivedAfter(runningSeen), t -> t > 0);
        Recovery r = new Recovery(what, (at - t0) / 60_000.0, restoredAt > 0 ? (restoredAt - at) / 1000.0 : null,
                (runningSeen - at) / 1000.0, (checkpointed.lastCheckpointAck() - at) / 1000.0, (advanced - at) / 1000.0);
        System.out.println("SOAK " + r);
        return r;
    }

    // ------------------------------------------------------------------------------------------ Alertmanager

    /**
     * Alertmanager after its restart: how long (ms) after {@code up} it first showed every transition
     * settled on the alerts topic ({@link AlertmanagerCheck#right}), -1 when it did not within 5 minutes;
     * and at its first look, the alerts firing on the topic for {@link #SETTLED} or longer and how many
     * of those it did not show yet (it keeps alerts in memory only and comes back empty).
     */
    record AlertmanagerBack(long rightAfter, int firingAtFirstLook, int missingAtFirstLook) {
    }

    private CompletableFuture<AlertmanagerBack> firstRight(AlertsReader alerts, AlertmanagerApi alertmanager,
                                                           long up) {
        CompletableFuture<AlertmanagerBack> right = new CompletableFuture<>();
        Thread probe = new Thread(() -> {
            try {
                long deadline = up + Duration.ofMinutes(5).toMillis();
                AlertmanagerCheck first = null;
                while (System.currentTimeMillis() < deadline) {
                    long now = System.currentTimeMillis();
                    AlertmanagerCheck check = alertmanagerCheck(alerts, alertmanager, now - SETTLED.toMillis());
                    if (first == null) {
                        first = check;
                        System.out.println("SOAK Alertmanager back, first look: " + check);
                    }
                    if (check.right()) {
                        right.complete(new AlertmanagerBack(now - up, first.settledFiring(), first.missing().size()));
                        return;
                    }
                    Thread.sleep(1000);
                }
                right.complete(new AlertmanagerBack(-1, first == null ? 0 : first.settledFiring(),
                        first == null ? 0 : first.missing().size()));
            } catch (Throwable t) {
                right.completeExceptionally(t);
            }
        }, "alertmanager-probe");
        probe.setDaemon(true);
        probe.start();
        return right;
    }

    /** Alertmanager against the topic; an Alertmanager that does not answer has every firing missing. */
    private static AlertmanagerCheck alertmanagerCheck(AlertsReader alerts, AlertmanagerApi alertmanager,
                                                       long settledBefore) {
        List<AlertmanagerApi.Alert> shown;
        try {
            shown = alertmanager.alerts();
        } catch (RuntimeException notAnswering) {
            shown = List.of();
        }
        return AlertmanagerCheck.of(ALERT, alerts.records(ALERT), shown, settledBefore);
    }

    /** The pages whose last transition on the topic is a resolution that arrived at {@code since} or later. */
    private static List<String> resolvedSince(AlertsReader alerts, long since) {
        Map<String, AlertsReader.Received> last = new LinkedHashMap<>();
        alerts.records(ALERT).forEach(r -> last.put(r.value().path("labels").path("page").asText(), r));
        return last.entrySet().stream()
                .filter(e -> e.getValue().at() >= since && e.getValue().value().path("state").asText().equals("resolved"))
                .map(Map.Entry::getKey).toList();
    }

    /** The pages active in Alertmanager; none when it does not answer (the check at the end says so). */
    private static List<String> activePages(AlertmanagerApi alertmanager) {
        try {
            return alertmanager.alerts().stream().filter(a -> a.active() && ALERT.equals(a.labels().get("alertname")))
                    .map(a -> a.labels().get("page")).toList();
        } catch (RuntimeException notAnswering) {
            return List.of();
        }
    }

    /**
     * The Alertmanager outage: stopped at {@code down}, started at {@code up} (wall clock, ms); how it
     * came back; the check at the end; the pages that resolved during or after it, and those of them
     * active in Alertmanager at the end.
     */
    record AlertmanagerOutage(long down, long up, AlertmanagerBack back, AlertmanagerCheck atEnd,
                              List<String> resolvedSince, List<String> resolvedButActive) {
    }

    // ------------------------------------------------------------------------------------------ samples

    /** Checkpoint size and heaps at one moment; -1 where Flink did not answer. */
    record Sample(double minute, long checkpointBytes, long incrementalBytes, long jobManagerHeap,
                  long taskManagerHeap) {
    }

    private Sample sample(long t0) {
        JsonNode latest = stack.rest("/jobs/" + job + "/checkpoints");
        JsonNode completed = latest == null ? null : latest.path("latest").path("completed");
        long tmHeap = -1;
        for (String tm : List.of("taskmanager-1", "taskmanager-2")) {
            long heap = heap("/taskmanagers/" + tm + "/metrics?get=Status.JVM.Memory.Heap.Used");
            tmHeap = heap < 0 ? tmHeap : Math.max(tmHeap, 0) + heap;
        }
        return new Sample((System.currentTimeMillis() - t0) / 60_000.0,
                completed == null || completed.isMissingNode() || completed.isNull() ? -1 : completed.path("state_size").asLong(-1),
                completed == null || completed.isMissingNode() || completed.isNull() ? -1
                        : completed.path("checkpointed_size").asLong(-1),
                heap("/jobmanager/metrics?get=Status.JVM.Memory.Heap.Used"), tmHeap);
    }

    private long heap(String path) {
        JsonNode metrics = stack.rest(path);
        return metrics == null || metrics.size() == 0 ? -1 : metrics.get(0).path("value").asLong(-1);
    }

    /** First, last and largest value of a series, its least-squares slope, and its growth over the second half. */
    record Flatness(long first, long last, long max, double slopePerMinute, double growth) {
        static Flatness of(List<Sample> samples, ToLongFunction<Sample> value) {
            List<Sample> valid = samples.stream().filter(s -> value.applyAsLong(s) >= 0).toList();
            if (valid.size() < 4) {
                return new Flatness(-1, -1, -1, 0, 0);
            }
            double end = valid.get(valid.size() - 1).minute();
            List<Sample> secondHalf = valid.stream().filter(s -> s.minute() >= end / 2).toList();
            double slope = slope(secondHalf, value);
            double mean = secondHalf.stream().mapToLong(value).average().orElse(1);
            double halfLength = end - secondHalf.get(0).minute();
            return new Flatness(value.applyAsLong(valid.get(0)), value.applyAsLong(valid.get(valid.size() - 1)),
                    valid.stream().mapToLong(value).max().orElse(-1), slope(valid, value),
                    mean == 0 ? 0 : slope * halfLength / mean);
        }

        private static double slope(List<Sample> samples, ToLongFunction<Sample> value) {
            double mx = samples.stream().mapToDouble(Sample::minute).average().orElse(0);
            double my = samples.stream().mapToLong(value).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (Sample s : samples) {
                sxy += (s.minute() - mx) * (value.applyAsLong(s) - my);
                sxx += (s.minute() - mx) * (s.minute() - mx);
            }
            return sxx == 0 ? 0 : sxy / sxx;
        }
    }

    // ------------------------------------------------------------------------------------------ checks

    /** The expected transitions against those on the alerts topic, as "state page at T". */
    record AlertCheck(int found, List<String> missing, List<String> duplicated, List<String> unexpected) {
        static AlertCheck of(List<SessionFeed.Transition> expected, List<String> actual) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            actual.forEach(t -> counts.merge(t, 1, Integer::sum));
            List<String> wanted = expected.stream().map(SessionFeed.Transition::toString).toList();
            return new AlertCheck(actual.size(),
                    wanted.stream().filter(t -> !counts.containsKey(t)).toList(),
                    counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " ×" + e.getValue()).toList(),
                    counts.keySet().stream().filter(t -> !wanted.contains(t)).toList());
        }
    }

    /**
     * Every expected Slack notification (a post per transition, an update of the firing message per
     * resolution) among the messages Slack answered; a missing one counts as lost to the outage when Slack
     * refused a copy of it while down (or, for an update, of the firing message it edits), else as lost
     * otherwise (never tried).
     */
    record SlackCheck(int expected, int delivered, int duplicates, List<String> missingInOutage,
                      List<String> missingOutsideOutage) {
        static SlackCheck of(List<SessionFeed.Transition> transitions, List<Message> answered, List<Message> refused) {
            int expected = 0;
            int delivered = 0;
            int duplicates = 0;
            List<String> inOutage = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            Map<String, Boolean> firingRefused = new HashMap<>();
            for (SessionFeed.Transition t : transitions) {
                String state = t.state().toUpperCase(Locale.ROOT);
                String window = SlackMessages.window(t.at());
                Map<String, Predicate<Message>> kinds = new LinkedHashMap<>();
                kinds.put("post " + t, m -> m.post() && m.about(ALERT, state, t.page(), window));
                if (state.equals("RESOLVED")) {
                    kinds.put("update " + t, m -> m.update() && m.about(ALERT, state, t.page(), window));
                }
                for (Map.Entry<String, Predicate<Message>> kind : kinds.entrySet()) {
                    expected++;
                    long copies = answered.stream().filter(kind.getValue()).count();
                    boolean update = kind.getKey().startsWith("update");
                    if (copies > 0) {
                        delivered++;
                        duplicates += (int) (copies - 1);
                    } else if (refused.stream().anyMatch(kind.getValue())
                            || update && firingRefused.getOrDefault(t.page(), false)) {
                        inOutage.add(kind.getKey()); // an update needs the firing message Slack refused
                    } else {
                        outside.add(kind.getKey());
                    }
                    if (!update && state.equals("FIRING")) {
                        firingRefused.put(t.page(), copies == 0 && refused.stream().anyMatch(kind.getValue()));
                    }
                }
            }
            return new SlackCheck(expected, delivered, duplicates, inOutage, outside);
        }

        boolean complete() {
            return missingInOutage.isEmpty() && missingOutsideOutage.isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ report

    private void report(SessionFeed feed, int expected, AlertCheck alerts, SlackCheck slackCheck,
                        List<Recovery> recoveries, List<Sample> samples, long t0, long down, long up,
                        AlertmanagerOutage am) throws IOException {
        line("## Soak: %d minutes, %d simulated hours of %d pages, checkpoints every %d s",
                length.toMinutes(), feed.hoursDone(), PAGES.size(), CHECKPOINT_INTERVAL.toSeconds());
        line("");
        line("| failure | at minute | restored from checkpoint | all tasks running | first checkpoint | alerts topic advancing |");
        line("|---|---|---|---|---|---|");
        for (Recovery r : recoveries) {
            line("| %s | %.1f | %s | %.1f s | %.1f s | %.1f s |", r.what(), r.minute(),
                    r.restored() == null ? "no restart" : String.format(Locale.ROOT, "%.1f s", r.restored()),
                    r.running(), r.checkpoint(), r.alerts());
        }
        line("");
        line("Slack down (503) from minute %.1f to %.1f.", (down - t0) / 60_000.0, (up - t0) / 60_000.0);
        if (am.up() > 0) {
            line("Alertmanager stopped (connections refused) from minute %.1f to %.1f. Started again (empty: it "
                    + "keeps alerts in memory only), it did not show %d of the %d alerts firing on the alerts topic "
                    + "for %d s or more at its first look, and showed every transition that had been on the topic "
                    + "that long as it stands %s after it was ready.",
                    (am.down() - t0) / 60_000.0, (am.up() - t0) / 60_000.0, am.back().missingAtFirstLook(),
                    am.back().firingAtFirstLook(), SETTLED.toSeconds(),
                    am.back().rightAfter() < 0 ? "not within 5 minutes" : String.format(Locale.ROOT, "%.1f s",
                            am.back().rightAfter() / 1000.0));
        }
        line("");
        line("| check | result |");
        line("|---|---|");
        line("| alert transitions expected | %d |", expected);
        line("| on the alerts topic (read_committed) | %d; missing %d, more than once %d, unexpected %d |",
                alerts.found(), alerts.missing().size(), alerts.duplicated().size(), alerts.unexpected().size());
        line("| Slack notifications expected (posts and updates) | %d |", slackCheck.expected());
        line("| delivered | %d; repeated copies %d |", slackCheck.delivered(), slackCheck.duplicates());
        line("| lost to the outage (Slack refused every copy) | %d |", slackCheck.missingInOutage().size());
        line("| lost otherwise (never sent) | %d |", slackCheck.missingOutsideOutage().size());
        AlertmanagerCheck amEnd = am.atEnd();
        line("| Alertmanager at the end: active alerts | %d; firing on the alerts topic %d |", amEnd.active(),
                amEnd.firing());
        line("| missing in Alertmanager, resolved but active, active since another time, active but not firing "
                + "on the topic | %d, %d, %d, %d |", amEnd.missing().size(), amEnd.stale().size(), amEnd.wrong().size(),
                amEnd.ahead().size());
        line("| alerts resolved during or after the Alertmanager outage | %d; active in Alertmanager %d |",
                am.resolvedSince().size(), am.resolvedButActive().size());
        line("");
        line("| series | first | last | max | slope over the run | growth over the second half |");
        line("|---|---|---|---|---|---|");
        flatness("checkpoint size (full state)", Flatness.of(samples, Sample::checkpointBytes));
        flatness("checkpoint size (incremental)", Flatness.of(samples, Sample::incrementalBytes));
        flatness("JobManager heap used", Flatness.of(samples, Sample::jobManagerHeap));
        flatness("TaskManagers' heap used (sum)", Flatness.of(samples, Sample::taskManagerHeap));
        if (!alerts.missing().isEmpty() || !alerts.duplicated().isEmpty() || !alerts.unexpected().isEmpty()) {
            line("");
            line("alerts missing: %s; more than once: %s; unexpected: %s", alerts.missing(), alerts.duplicated(),
                    alerts.unexpected());
        }
        if (!slackCheck.missingInOutage().isEmpty() || !slackCheck.missingOutsideOutage().isEmpty()) {
            line("");
            line("Slack lost during the outage: %s; otherwise: %s", slackCheck.missingInOutage(),
                    slackCheck.missingOutsideOutage());
        }
        if (!amEnd.exact() || !am.resolvedButActive().isEmpty()) {
            line("");
            line("Alertmanager missing: %s; resolved but active: %s; since another time: %s; not firing on the topic: %s; "
                    + "resolved since the outage but active: %s", amEnd.missing(), amEnd.stale(), amEnd.wrong(),
                    amEnd.ahead(), am.resolvedButActive());
        }
        line("");
        line("samples (minute, checkpoint bytes, incremental bytes, JobManager heap, TaskManagers' heap):");
        samples.forEach(s -> line("    %.1f %d %d %d %d", s.minute(), s.checkpointBytes(), s.incrementalBytes(),
                s.jobManagerHeap(), s.taskManagerHeap()));
        line("");
        line("Slack's message requests (index, path, text, first lines):");
        for (Message m : SlackMessages.read(slack.received(), i -> true)) {
            line("    %d %s %s | %s", m.index(), m.path().substring(m.path().lastIndexOf('/') + 1), m.text(),
                    m.body().lines().limit(3).collect(java.util.stream.Collectors.joining(" / ")));
        }
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("soak-report.md"), text);
        }
    }

    private void flatness(String what, Flatness f) {
        line("| %s | %s | %s | %s | %s/min | %+.0f %% |", what, mb(f.first()), mb(f.last()), mb(f.max()),
                mb((long) f.slopePerMinute()), f.growth() * 100);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? String.format(Locale.ROOT, "-%.1f MB", -bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private void line(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
    }

    // ------------------------------------------------------------------------------------------ setup

    private Path rules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("web.yaml"), """
                groups:
                  - name: web
                    rules:
                      - alert: %s
                        kpi: bounce_rate
                        match: {page: "=~%s"}
                        when: {above: 0.5}
                        severity: warning
                        annotations:
                          summary: "Bounce on {{page}} is {{value}}"
                """.formatted(ALERT, String.join("|", PAGES)));
        return rules;
    }

    private Path jobConfig() throws IOException {
        Path routes = Files.writeString(dir.resolve("routes.yaml"), ROUTES);
        return stack.writeJobConfig(dir.resolve("soak.yaml"), "soak", 2, "[1h]", dir.resolve("checkpoints"),
                CHECKPOINT_INTERVAL, routes, true);
    }
}
