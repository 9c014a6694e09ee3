package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.pipeline.Notifications;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.config.MetricsConfig;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.demo.DemoFeed;
import dev.redflag.demo.EmbeddedKafka;
import dev.redflag.demo.Incident;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.Pacer;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.RedflagJob;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code redflag demo}: everything on one machine with nothing to install — a Kafka broker in this
 * JVM, generated marketing traffic replayed fast from a day and a half ago (a quiet day that gives
 * every series its baseline, then the scripted incidents),
 * the job on a local mini cluster with Flink's web UI, and the Prometheus endpoint.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run redflag end to end on this machine: embedded Kafka, generated traffic, local Flink.")
public final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "stop after this long, e.g. 5m (default: run until Ctrl-C)")
    String duration;

    @Option(names = "--speed", defaultValue = "360",
            description = "simulated seconds per real second while replaying the incidents (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--warm-up-speed", defaultValue = "2880", paramLabel = "N",
            description = "simulated seconds per real second while replaying the quiet first day that gives every "
                    + "series its baseline (default: ${DEFAULT-VALUE})")
    double warmUpSpeed;

    @Option(names = "--seed", defaultValue = "42", description = "traffic seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--web-port", defaultValue = "8081",
            description = "Flink web UI port; 0 for none (default: ${DEFAULT-VALUE})")
    int webPort;

    @Option(names = "--metrics-port", defaultValue = "9249",
            description = "Prometheus endpoint port; 0 for any free port (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--flink-metrics-port", defaultValue = "9250",
            description = "port of Flink's own Prometheus reporter (checkpoints, backpressure, records in/out); "
                    + "0 for none (default: ${DEFAULT-VALUE})")
    int flinkMetricsPort;

    @Option(names = "--show", split = ",", paramLabel = "KPI",
            description = "also print these KPIs as their windows close ('all' for every KPI)")
    List<String> show = List.of();

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "alerts-config/rules",
            description = "rule files to publish to the demo's rules topic (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--routes", paramLabel = "FILE", defaultValue = "alerts-config/routes.yaml",
            description = "routing file for Slack notifications; its intervals are shortened by --speed "
                    + "(default: ${DEFAULT-VALUE})")
    Path routes;

    @Option(names = "--alertmanager", split = ",", paramLabel = "URL",
            description = "also post firing and resolved alerts to these Alertmanagers, e.g. http://localhost:9093")
    List<String> alertmanagers = List.of();

    @Option(names = "--slack-json",
            description = "show each Slack message as the exact JSON it posts, not as text")
    boolean slackJson;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "where Kafka's, Flink's and redflag's logs go (default: redflag-demo-<time>.log "
                    + "in the temporary directory)")
    Path logFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "a Flink setting for the local cluster, applied last, e.g. "
                    + "-Dmetrics.reporter.prom.port=9250 (repeatable)")
    Map<String, String> flinkSettings = new LinkedHashMap<>();

    /** The running job, once submitted: what {@link #stop()} cancels. */
    private final CompletableFuture<JobClient> submitted = new CompletableFuture<>();

    /**
     * Stops a demo running in this JVM as {@code --duration} does: the job is cancelled (at once,
     * or as soon as it is submitted) and {@link #call()} returns. For tests that run the demo in
     * process and are done before any fixed duration would be.
     */
    public void stop() {
        submitted.thenAccept(JobClient::cancel);
    }

    @Override
    public Integer call() throws Exception {
        // taken before the library logs take over the standard streams
        PrintWriter out = spec.commandLine().getOut();
        spec.commandLine().getErr();
        Duration runFor = duration == null ? null : dev.redflag.yaml.Durations.parse(duration);
        checkFree(flinkMetricsPort);
        Path logs = logFile != null ? logFile : LibraryLogs.defaultFile("demo", Instant.now());
        try (LibraryLogs library = LibraryLogs.open(logs)) {
            run(new LiveConsole(out, LiveConsole.stdoutIsTerminal()), library.file(), runFor);
        }
        out.flush();
        return 0;
    }

    private void run(LiveConsole console, Path logs, Duration runFor) throws Exception {
        console.println("redflag demo");
        console.println("  logs        " + logs + "  (Kafka's, Flink's and redflag's logs)");
        Path work = Files.createTempDirectory("redflag-demo");
        MetricsHub hub = MetricsHub.shared(metricsPort);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            JobConfig config = demoConfig(kafka.bootstrapServers(), work, hub.port());
            kafka.createTopics(2, List.of(config.kafka().eventTopics().get(0),
                    config.kafka().deadLetterTopic(), config.kafka().kpiTopic(), config.kafka().alertsTopic()));
            kafka.createCompactedTopic(config.kafka().rulesTopic());
            KpiCatalog catalog = JobConfigs.catalog(config);

            Instant now = Instant.now();
            Instant simulationStart = Incidents.replayStart(now);
            Pacer pacer = pacer(simulationStart, now);
            TrafficGenerator generator = new TrafficGenerator(Incidents.traffic(simulationStart), Incidents.scripted(),
                    seed, simulationStart);
            banner(console, kafka, config, simulationStart);
            int ruleCount = publishRules(config, catalog, console);
            Optional<SlackEndpoint> slack = SlackEndpoint.fromEnvironment(System.getenv());
            Notifications notifications = notifications(console, slack);
            console.println("Alerts" + (show.isEmpty() ? "" : ", KPI values") + " and Slack messages as they happen:");

            StreamExecutionEnvironment env = environment(config);
            Set<String> shown = Set.copyOf(show);
            RedflagJob.Outputs outputs = RedflagJob.define(env, config, catalog, notifications);
            DataStream<String> lines = outputs.kpis().published()
                    .filter(v -> shown.contains("all") || shown.contains(v.kpi()))
                    .map(v -> line(v, catalog.format(v.kpi())))
                    .union(outputs.alerts().filter(e -> e.phase() != Transition.Phase.PENDING).map(DemoCommand::line));
            if (outputs.notifications() != null && !notifications.slackChannels().isEmpty()) {
                lines = lines.union(outputs.notifications().flatMap(new SlackConsoleLines(
                        notifications.slackChannels(), config.notifications().grafanaUrl(), slackJson, slack.isEmpty()))
                        .setParallelism(1).name("console-slack"));
            }
            CloseableIterator<String> values = collectAtOnce(lines, env);
            JobClient job = env.executeAsync("redflag demo");
            submitted.complete(job);
            awaitRules(hub, ruleCount);
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
            Thread cancelOnExit = new Thread(() -> job.cancel());
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            if (runFor != null) {
                timers.schedule(() -> job.cancel(), runFor.toMillis(), TimeUnit.MILLISECONDS);
            }
            try (DemoFeed feed = new DemoFeed(generator, pacer, config.kafka().clientProperties(),
                    config.kafka().eventTopics().get(0), Clock.systemUTC()).start()) {
                JobCounters counters = new JobCounters(hub.registry(), feed::simulatedNow);
                console.keepStatus(timers, () -> counters.read().line(statusNote(pacer, feed.simulatedNow())));
                printUntilCancelled(values, console);
                timers.shutdownNow();
                console.endStatus();
                console.println(String.format(Locale.ROOT, "demo stopped: %d events sent, simulated clock at %s UTC",
                        feed.sent(), HOUR.format(feed.simulatedNow())));
            } finally {
                timers.shutdownNow();
                values.close();
                removeHook(cancelOnExit);
            }
        } finally {
            hub.release();
        }
    }

    /** The quiet first day at {@code --warm-up-speed}, the incidents after it at {@code --speed}. */
    Pacer pacer(Instant simulationStart, Instant now) {
        if (!(warmUpSpeed > 0) || Double.isInfinite(warmUpSpeed)) {
            throw new UserError("--warm-up-speed must be a positive number, got " + warmUpSpeed);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new UserError("--speed must be a positive number, got " + speed);
        }
        return new Pacer(speed, Incidents.QUIET_DAY, warmUpSpeed, simulationStart, now);
    }

    /** What the status line adds to the simulated clock while the quiet first day replays. */
    static String statusNote(Pacer pacer, Instant simulatedNow) {
        return pacer.inWarmUp(simulatedNow)
                ? String.format(Locale.ROOT, "quiet baseline day at %.0fx, series warming up", pacer.warmUpSpeed()) : "";
    }

    /**
     * The console's lines as they are made. Under exactly-once checkpoints Flink's collect shows a
     * result only once a checkpoint covers it (here up to 30 s later, with the Slack messages
     * showing before the alerts they are about); the iterator takes that from the checkpoint mode
     * when it is built. So it is built under at least once, which a console can live with (after a
     * restart a line may show twice), and the job itself keeps exactly once.
     */
    private static CloseableIterator<String> collectAtOnce(DataStream<String> lines, StreamExecutionEnvironment env) {
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        CheckpointingMode mode = checkpoints.getCheckpointingConsistencyMode();
        checkpoints.setCheckpointingConsistencyMode(CheckpointingMode.AT_LEAST_ONCE);
        try {
            return lines.collectAsync();
        } finally {
            checkpoints.setCheckpointingConsistencyMode(mode);
        }
    }

    /** Values judged before the rule set arrives are not alerted on: start the traffic after it. */
    private static void awaitRules(MetricsHub hub, int rules) throws InterruptedException {
        if (rules == 0) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            io.micrometer.core.instrument.Gauge loaded = hub.registry().find("redflag_rules_loaded").gauge();
            if (loaded != null && loaded.value() >= rules) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private int publishRules(JobConfig config, KpiCatalog catalog, LiveConsole out) throws Exception {
        if (!Files.isDirectory(rules)) {
            out.println("  rules       none (" + rules + " not found): KPIs only");
            return 0;
        }
        RuleBundle bundle = RuleBundle.read(rules);
        RuleSet set = RulesCommand.check(bundle, catalog, spec.commandLine().getErr());
        if (set == null) {
            throw new UserError("the rules in " + rules + " have problems (listed above)");
        }
        try (RulesPublisher publisher = RulesCommand.publisher(config)) {
            publisher.publish(bundle);
        }
        out.println(String.format(Locale.ROOT, "  rules       %d rules from %s (version %s)", set.rules().size(), rules,
                set.version()));
        return set.rules().size();
    }

    private static String line(AlertEvent e) {
        String labels = e.labels().entrySet().stream()
                .filter(l -> !l.getKey().equals("alertname") && !l.getKey().equals("severity"))
                .map(l -> l.getKey() + "=" + l.getValue()).collect(Collectors.joining(","));
        String summary = e.annotations().getOrDefault("summary", "");
        return String.format(Locale.ROOT, "%-8s [%s] %s {%s} %s%s%s", e.phase(),
                HOUR.format(Instant.ofEpochMilli(e.transition().at())), e.alertname(), labels, e.severity(),
                e.shadow() ? " (shadow)" : "", summary.isEmpty() ? "" : " - " + summary);
    }

    private static void printUntilCancelled(CloseableIterator<String> values, LiveConsole out) {
        try {
            while (values.hasNext()) {
                out.println(values.next());
            }
        } catch (RuntimeException cancelled) {
            // the job was cancelled while the iterator waited: the normal way out of the demo
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down and runs the hook
        }
    }

    /** A KPI value in its unit ({@code 66.7%}), with the counts behind a ratio as they are. */
    static String line(KpiValue v, KpiFormat format) {
        String dims = v.dims().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String ratio = v.isRatio()
                ? " (" + KpiTable.number(v.numerator()) + "/" + KpiTable.number(v.denominator()) + ")" : "";
        return String.format(Locale.ROOT, "[%s..%s] %-16s %-38s %s%s", HOUR.format(Instant.ofEpochMilli(v.windowStart())),
                HOUR.format(Instant.ofEpochMilli(v.windowEnd())).substring(6), v.kpi(), "{" + dims + "}",
                Double.isNaN(v.value()) ? "–" : format.value(v.value()), ratio);
    }

    /**
     * Slack when the environment configures it, else a dry run: either way the console shows each
     * message. The routing file's intervals shrink with the replay speed (never below a second),
     * so a group waits as long in simulated time as it would live.
     */
    private Notifications notifications(LiveConsole out, Optional<SlackEndpoint> slack) {
        if (!Files.isRegularFile(routes)) {
            out.println("  slack       none (" + routes + " not found)");
            return Notifications.none();
        }
        RouteTree tree = RouteLoader.load(routes).withTimings(d -> {
            Duration scaled = Duration.ofMillis(Math.round(d.toMillis() / Math.max(speed, 1)));
            return scaled.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : scaled;
        });
        String shown = slackJson ? "printed as the JSON it posts" : "shown below as text (--slack-json for the JSON)";
        if (slack.isPresent()) {
            out.println("  slack       posting to " + slack.get() + " (routes from " + routes + "); each message "
                    + shown);
        } else {
            out.println("  slack       not configured (set SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN): a dry run, each message "
                    + shown);
        }
        return Notifications.routedBy(tree);
    }

    JobConfig demoConfig(String bootstrap, Path work, int port) {
        JobConfig base = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: redflag-demo
                  start-from: earliest
                  topics: {events: [redflag.events], dead-letters: redflag.dead-letters, kpis: redflag.kpis,
                           rules: redflag.rules, alerts: redflag.alerts}
                event-time:
                  max-out-of-orderness: 30s
                  idleness: 10s
                  allowed-lateness: 1m
                state:
                  backend: rocksdb
                  checkpoint-dir: %s
                  checkpoint-interval: 30s
                parallelism: 2
                notify:
                  alertmanager: {urls: [%s]}
                %s""".formatted(bootstrap, work.resolve("checkpoints").toUri(), alertmanagers.stream()
                .map(DemoCommand::quoted)
                .collect(Collectors.joining(", ")), kpiDefinitions()), "demo", Map.of());
        return base.withMetrics(new MetricsConfig(port, base.metrics().maxSeriesPerKpi()));
    }

    /**
     * The rules' own KPIs (such as the pack's {@code signups}) are defined in {@code kpis.yaml} next to
     * the rules directory, as in {@code alerts-config/}; that file wherever the demo runs from, else the
     * default location.
     */
    private String kpiDefinitions() {
        return KpiDefinitions.besideRules(rules)
                .map(file -> "kpis: {definitions: " + quoted(file.toString()) + "}\n").orElse("");
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Flink only logs a reporter port it cannot bind; the demo prints the URL, so it must be free. */
    private static void checkFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port)) {
            // free now; Flink binds it a moment later
        } catch (IOException e) {
            throw new UserError("port " + port + " for Flink's metrics is taken (" + e.getMessage()
                    + "); pass --flink-metrics-port with a free port, or 0 for none");
        }
    }

    private StreamExecutionEnvironment environment(JobConfig config) {
        Configuration conf = FlinkSettings.localCluster(config, flinkMetricsPort);
        conf.addAll(Configuration.fromMap(flinkSettings));
        if (webPort > 0) {
            conf.set(RestOptions.PORT, webPort);
            return FlinkSettings.apply(StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf), config);
        }
        return FlinkSettings.apply(StreamExecutionEnvironment.createLocalEnvironment(conf), config);
    }

    /** The banner's traffic lines: the quiet first day, then the incidents, then real time. */
    String traffic(Instant simulationStart) {
        return String.format(Locale.ROOT, "  traffic     replaying from %s UTC: first a quiet baseline day at %.0fx "
                        + "(every series learns its daily cycle before it is judged), then the incidents at %.0fx, "
                        + "then real time", HOUR.format(simulationStart), warmUpSpeed, speed);
    }

    private void banner(LiveConsole out, EmbeddedKafka kafka, JobConfig config, Instant simulationStart) {
        out.println("  kafka       " + kafka.bootstrapServers() + "  topics " + config.kafka().eventTopics().get(0)
                + ", " + config.kafka().deadLetterTopic() + ", " + config.kafka().kpiTopic());
        if (webPort > 0) {
            out.println("  flink ui    http://localhost:" + webPort);
        }
        out.println("  prometheus  http://localhost:" + config.metrics().port() + "/metrics");
        if (flinkMetricsPort > 0) {
            out.println("  flink prom  http://localhost:" + flinkMetricsPort + "/metrics  (Flink's own metrics)");
        }
        if (!alertmanagers.isEmpty()) {
            out.println("  alertmanager " + String.join(", ", alertmanagers));
        }
        out.println(traffic(simulationStart));
        out.println("  incidents (from the replay start):");
        for (Incident incident : Incidents.scripted()) {
            out.println("    " + incident.describe());
        }
    }
}
