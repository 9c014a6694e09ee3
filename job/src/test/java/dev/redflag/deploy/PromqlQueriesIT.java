package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.cli.DemoCommand;
import dev.redflag.cli.Redflag;
import dev.redflag.testing.AlertmanagerProcess;
import dev.redflag.testing.Await;
import dev.redflag.testing.PrometheusProcess;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PromQL expression of the Grafana dashboards (panel targets, template variable queries,
 * annotations) and of the Prometheus rule files (alerts and recording rules) is sent to a real
 * Prometheus (Debian's package) that has scraped {@code redflag demo}: the demo's embedded Kafka,
 * generated traffic with the scripted incidents replayed fast, the job on a local mini cluster with
 * the shipped rule pack, posting to a real Alertmanager. Prometheus runs the shipped
 * {@code deploy/prometheus/prometheus.yml} with the test's ports and a 1 s scrape interval, and
 * loads the shipped rule files.
 *
 * <p>Grafana's variables are filled in as the dashboards open ("All" is {@code .*}, {@code $kpi} is
 * {@code bounce_rate}), {@code $__rate_interval} is {@code 1m} and {@code $__range} the time
 * Prometheus has scraped. Each expression must be valid (an instant query answers {@code success}),
 * and must have data at some point of the demo (a range query over the scrape has a finite sample;
 * a variable query lists a value), unless it is in {@link #ALLOWED_EMPTY} or reads a metric of
 * {@link #PENDING_METRICS}. Every metric a query names must have been scraped, unless pending or in
 * {@link #ABSENT_FROM_A_HEALTHY_DEMO}, so that {@code or vector(0)} or an allowed empty answer
 * cannot hide a misspelt name.
 */
@RequiresProgram({Program.PROMETHEUS, Program.ALERTMANAGER})
class PromqlQueriesIT {

    /**
     * PENDING: metrics the dashboards and rules read that this branch does not export yet; they come
     * with the metrics branch (the {@code redflag_alerts} gauge, late events, rule evaluation time,
     * event-time lag, Flink's Prometheus reporter), except {@code redflag_kpi_values_total}, which
     * {@code PipelineMetrics.kpiValue} defines but nothing calls. A query that reads one of them
     * (directly or through a recording rule) must be valid but may be empty. Remove entries once they
     * are exported: the test fails while a pending metric is being scraped, to say so. {@code flink_*}
     * covers every metric of Flink's reporter, which the test turns on when
     * {@code flink-metrics-prometheus} is on the class path.
     */
    static final List<String> PENDING_METRICS = List.of();

    /** Metrics that appear only once something goes wrong, which it does not on the demo. */
    static final Map<String, String> ABSENT_FROM_A_HEALTHY_DEMO = Map.of(
            "ALERTS", "Prometheus' series of pending and firing alerts: no health alert holds on the demo",
            "redflag_kpi_series_dropped_total", "registered with the first KPI value beyond the series cap",
            "redflag_alert_feedback_total", "registered with the first verdict: nobody clicks a button on the demo",
            "redflag_alert_feedback_unmatched_total", "registered with the first verdict on an unknown alert",
            "redflag_rule_precision", "registered with a rule's first verdict");

    /**
     * A query the demo legitimately leaves empty. It must still be valid; with
     * {@code mustStayEmpty} it must also be empty now, when the demo has run a while: a health alert
     * that would fire on a healthy demo is a false alarm.
     */
    record Allowed(String query, boolean mustStayEmpty, String why) {
    }

    static final List<Allowed> ALLOWED_EMPTY = List.of(
            new Allowed("redflag-health.rules.yml: alert RedflagNoEvents", true,
                    "the demo's traffic never stops"),
            new Allowed("redflag-health.rules.yml: alert RedflagDeadLetterRatioHigh", true,
                    "the generator breaks about 1 record in 2,000 (0.05%)"),
            new Allowed("redflag-health.rules.yml: alert RedflagEventTimeLagHigh", false,
                    "event time is hours behind while the demo replays its history, seconds behind after"),
            new Allowed("redflag-health.rules.yml: alert RedflagNotificationsFailing", true,
                    "the test's Alertmanager accepts every post"),
            new Allowed("redflag-health.rules.yml: alert RedflagReceiverFailing", true,
                    "the test's Alertmanager takes every post at once: nothing waits"),
            new Allowed("redflag-health.rules.yml: alert RedflagRuleReloadRejected", true,
                    "the shipped rule pack is valid"),
            new Allowed("redflag-health.rules.yml: alert RedflagContributionsExpired", true,
                    "the demo's partitions never fall idle behind one another"),
            new Allowed("redflag-health.rules.yml: alert RedflagCheckpointsFailing", false,
                    "no checkpoint has to fail on the demo"),
            new Allowed("pipeline-health.json: panel \"Checkpoints\" B", false,
                    "failed checkpoints: no checkpoint has to fail on the demo"),
            new Allowed("pipeline-health.json: panel \"Failed notifications by receiver\" A", false,
                    "the test's Alertmanager accepts every post"),
            new Allowed("pipeline-health.json: panel \"KPI series not exported\" A", false,
                    "no KPI of the demo comes near metrics.max-series-per-kpi (1000 series)"),
            new Allowed("pipeline-health.json: annotation \"Health alerts\"", false,
                    "ALERTS of the health alerts: none holds on the demo"),
            new Allowed("alerts.json: panel \"Rule precision\" A", false,
                    "verdicts come from people's clicks in Slack; nobody clicks on the demo"),
            new Allowed("alerts.json: panel \"Verdicts\" A", false,
                    "verdicts come from people's clicks in Slack; nobody clicks on the demo"),
            new Allowed("alerts.json: panel \"Verdicts\" B", false,
                    "verdicts come from people's clicks in Slack; nobody clicks on the demo"),
            new Allowed("alerts.json: panel \"Pending now\" A", false,
                    "the shipped pack's rules have no for: their alerts fire as soon as they are judged"));

    private static final String FLINK_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final Pattern METRICS_URL = Pattern.compile("prometheus  http://localhost:(\\d+)/metrics");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void everyDashboardAndRuleQueryIsValidAndAnswersWithTheDemosData() throws Exception {
        List<Query> queries = new ArrayList<>();
        Dashboards.load().forEach(d -> queries.addAll(d.queries()));
        List<Query> rules = RuleFiles.queries();
        queries.addAll(rules);
        Set<String> ids = queries.stream().map(Query::id).collect(Collectors.toSet());
        assertThat(ids).as("queries with the same id").hasSize(queries.size());
        assertThat(ALLOWED_EMPTY).as("ALLOWED_EMPTY entries that name no query")
                .allSatisfy(a -> assertThat(ids).contains(a.query()));
        Set<String> pendingRecords = pendingRecordingRules(rules);

        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start()) {
            Integer flinkPort = flinkReporterAvailable() ? PrometheusProcess.freePort() : null;
            RunningDemo demo = RunningDemo.start(alertmanager.baseUri(), flinkPort);
            try {
                if (flinkPort != null) {
                    // the demo's own reporter settings must not move it elsewhere, or Prometheus scrapes nothing
                    Await.until(DATA_TIMEOUT, () -> get(URI.create("http://127.0.0.1:" + flinkPort + "/metrics")),
                            text -> text.contains("flink_jobmanager_job_uptime"));
                }
                try (PrometheusProcess prometheus = PrometheusProcess.start(
                        port -> prometheusConfig(port, demo.metricsPort(), flinkPort, alertmanager.baseUri()))) {
                    Await.until(DATA_TIMEOUT, () -> number(prometheus,
                            "count_over_time(redflag_events_in_total{type=\"session\"}[10m])"), n -> n >= 5);
                    Await.until(DATA_TIMEOUT, () -> number(prometheus,
                            "sum(redflag_alert_transitions_total{state=\"firing\"})"), n -> n >= 1);

                    Check check = new Check(prometheus, pendingRecords);
                    List<String> problems = check.run(queries);
                    System.out.println(check.report(queries));
                    assertThat(problems).withFailMessage(() -> problems.size() + " problem(s) with the queries:\n"
                            + String.join("\n", problems) + "\n\nPrometheus log:\n" + prometheus.log()).isEmpty();
                }
            } finally {
                demo.stop();
            }
        }
    }

    /** Checks queries against one Prometheus and keeps what it found for the report. */
    private static final class Check {
        private final PrometheusProcess prometheus;
        private final Set<String> pendingRecords;
        private final Map<Query, String> substituted = new LinkedHashMap<>();
        private final Set<Query> valid = new LinkedHashSet<>();
        private final Set<Query> answered = new HashSet<>();
        private final Set<Query> pending = new HashSet<>();
        private final Set<Query> allowed = new HashSet<>();
        private Set<String> scraped = Set.of();

        Check(PrometheusProcess prometheus, Set<String> pendingRecords) {
            this.prometheus = prometheus;
            this.pendingRecords = pendingRecords;
        }

        List<String> run(List<Query> queries) throws InterruptedException {
            List<String> problems = new ArrayList<>();
            Map<String, Allowed> allowances = ALLOWED_EMPTY.stream()
                    .collect(Collectors.toMap(Allowed::query, a -> a));
            List<Query> expectingData = new ArrayList<>();
            for (Query q : queries) {
                String expr = Promql.substitute(q.expr(), values(q));
                substituted.put(q, expr);
                String error = q.kind() == Query.Kind.VARIABLE ? variableError(expr) : instantError(expr);
                if (error != null) {
                    problems.add(q.id() + ": " + error + "\n    " + expr);
                    continue;
                }
                valid.add(q);
                if (isPending(q, expr)) {
                    pending.add(q);
                } else if (allowances.containsKey(q.id())) {
                    allowed.add(q);
                    Allowed a = allowances.get(q.id());
                    if (a.mustStayEmpty() && !prometheus.query(expr, Instant.now()).result().isEmpty()) {
                        problems.add(q.id() + ": has data on the healthy demo (" + a.why() + ")\n    "
                                + prometheus.query(expr, Instant.now()));
                    }
                } else {
                    expectingData.add(q);
                }
            }
            // data arrives while the demo runs: ask again until every query has some
            List<Query> waiting = new ArrayList<>(expectingData);
            try {
                Await.until(DATA_TIMEOUT, () -> {
                    waiting.removeIf(q -> hasData(q, substituted.get(q)));
                    return List.copyOf(waiting);
                }, List::isEmpty);
            } catch (AssertionError timeout) {
                waiting.forEach(q -> problems.add(q.id() + ": no data from the demo within " + DATA_TIMEOUT
                        + "\n    " + substituted.get(q)));
            }
            expectingData.stream().filter(q -> !waiting.contains(q)).forEach(answered::add);

            scraped = new TreeSet<>();
            prometheus.labelValues("__name__", "", prometheus.started(), Instant.now()).result()
                    .forEach(n -> scraped.add(n.asText()));
            for (String name : scraped) {
                if (isPendingMetric(name)) {
                    problems.add("PENDING_METRICS: " + name + " is scraped now; remove its entry ("
                            + PENDING_METRICS.stream().filter(p -> matches(p, name)).findFirst().orElseThrow() + ")");
                }
            }
            for (Query q : valid) {
                for (String name : metricNames(q, substituted.get(q))) {
                    if (!scraped.contains(name) && !isPendingMetric(name) && !pendingRecords.contains(name)
                            && !ABSENT_FROM_A_HEALTHY_DEMO.containsKey(name)) {
                        problems.add(q.id() + ": reads " + name + ", which Prometheus never scraped or recorded");
                    }
                }
            }
            return problems;
        }

        String report(List<Query> queries) {
            Map<Query.Kind, Long> byKind = queries.stream()
                    .collect(Collectors.groupingBy(Query::kind, LinkedHashMap::new, Collectors.counting()));
            StringBuilder out = new StringBuilder();
            out.append(String.format("PromqlQueriesIT: %d PromQL queries checked against a real Prometheus %s%n",
                    queries.size(), byKind));
            out.append(String.format("  valid: %d; answered with the demo's data: %d; allowed empty (ALLOWED_EMPTY): "
                    + "%d; reading metrics not exported yet (PENDING_METRICS): %d%n", valid.size(), answered.size(),
                    allowed.size(), pending.size()));
            queries.stream().filter(pending::contains).forEach(q -> out.append("  pending: ").append(q.id())
                    .append('\n'));
            List<String> transitions = new ArrayList<>();
            prometheus.query("sum by (state) (redflag_alert_transitions_total)", Instant.now()).result()
                    .forEach(s -> transitions.add(s.path("metric").path("state").asText() + " "
                            + s.path("value").get(1).asText()));
            return out.append(String.format("  %d metric names scraped or recorded; alert transitions of the demo: %s",
                    scraped.size(), String.join(", ", transitions))).toString();
        }

        /** The dashboard's variables as it opens, Grafana's built-ins for the time Prometheus has scraped. */
        private Map<String, String> values(Query q) {
            Map<String, String> values = new LinkedHashMap<>();
            long range = Math.max(60, Duration.between(prometheus.started(), Instant.now()).toSeconds());
            values.put("__rate_interval", "1m");
            values.put("__interval", STEP.toSeconds() + "s");
            values.put("__interval_ms", Long.toString(STEP.toMillis()));
            values.put("__range", range + "s");
            values.put("__range_s", Long.toString(range));
            values.put("__range_ms", Long.toString(range * 1000));
            if (q.dashboard() != null) {
                values.putAll(q.dashboard().defaults());
            }
            return values;
        }

        private String instantError(String expr) {
            PrometheusProcess.Answer answer = prometheus.query(expr, Instant.now());
            return answer.ok() ? null : answer.toString();
        }

        private String variableError(String query) {
            VariableQuery v;
            try {
                v = VariableQuery.parse(query);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            PrometheusProcess.Answer answer = switch (v.kind()) {
                case QUERY_RESULT -> prometheus.query(v.selector(), Instant.now());
                default -> prometheus.labelValues(v.label(), v.selector(), prometheus.started(), Instant.now());
            };
            if (!answer.ok()) {
                return answer.toString();
            }
            if (v.kind() == VariableQuery.Kind.METRICS) {
                try {
                    Pattern.compile(v.regex());
                } catch (RuntimeException e) {
                    return "metrics() regex: " + e.getMessage();
                }
            }
            return null;
        }

        private boolean hasData(Query q, String expr) {
            if (q.kind() == Query.Kind.VARIABLE) {
                return !variableValues(q, expr).isEmpty();
            }
            PrometheusProcess.Answer answer = prometheus.queryRange(expr, prometheus.started(), Instant.now(), STEP);
            for (JsonNode series : answer.result()) {
                for (JsonNode sample : series.path("values")) {
                    String value = sample.get(1).asText();
                    if (!value.equals("NaN") && !value.endsWith("Inf")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** What Grafana lists as the variable's values: the answer, through the variable's regex. */
        private List<String> variableValues(Query q, String query) {
            VariableQuery v = VariableQuery.parse(query);
            List<String> raw = new ArrayList<>();
            if (v.kind() == VariableQuery.Kind.QUERY_RESULT) {
                prometheus.query(v.selector(), Instant.now()).result().forEach(s -> raw.add(s.path("metric").toString()));
            } else {
                prometheus.labelValues(v.label(), v.selector(), prometheus.started(), Instant.now()).result()
                        .forEach(n -> raw.add(n.asText()));
            }
            Pattern metrics = v.kind() == VariableQuery.Kind.METRICS ? Pattern.compile(v.regex()) : null;
            Pattern regex = grafanaRegex(q);
            List<String> values = new ArrayList<>();
            for (String value : raw) {
                if (metrics != null && !metrics.matcher(value).find()) {
                    continue;
                }
                if (regex == null) {
                    values.add(value);
                    continue;
                }
                Matcher m = regex.matcher(value);
                if (m.find()) {
                    values.add(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group());
                }
            }
            return values;
        }

        private static Pattern grafanaRegex(Query q) {
            String name = q.name().substring("variable $".length());
            String regex = q.dashboard().variable(name).path("regex").asText();
            if (regex.isEmpty()) {
                return null;
            }
            // Grafana writes /pattern/flags
            return Pattern.compile(regex.startsWith("/") ? regex.substring(1, regex.lastIndexOf('/')) : regex);
        }

        private boolean isPending(Query q, String expr) {
            return metricNames(q, expr).stream().anyMatch(n -> isPendingMetric(n) || pendingRecords.contains(n));
        }
    }

    private static Set<String> metricNames(Query q, String expr) {
        if (q.kind() != Query.Kind.VARIABLE) {
            return Promql.metricNames(expr);
        }
        VariableQuery v = VariableQuery.parse(expr);
        return v.selector().isEmpty() ? Set.of() : Promql.metricNames(v.selector());
    }

    /** Recording rules whose expression reads a pending metric: their series are pending too. */
    private static Set<String> pendingRecordingRules(List<Query> rules) {
        Set<String> pending = new HashSet<>();
        for (Query q : rules) {
            if (q.kind() == Query.Kind.RECORD
                    && Promql.metricNames(q.expr()).stream().anyMatch(PromqlQueriesIT::isPendingMetric)) {
                pending.add(q.name().substring("record ".length()));
            }
        }
        return pending;
    }

    private static boolean isPendingMetric(String name) {
        return PENDING_METRICS.stream().anyMatch(p -> matches(p, name));
    }

    private static boolean matches(String entry, String name) {
        return entry.endsWith("*") ? name.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(name);
    }

    private static boolean flinkReporterAvailable() {
        try {
            Class.forName(FLINK_REPORTER);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The body of a GET, or what went wrong. */
    private static String get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static double number(PrometheusProcess prometheus, String expr) {
        JsonNode result = prometheus.query(expr, Instant.now()).result();
        return result.isEmpty() ? 0 : result.get(0).path("value").get(1).asDouble();
    }

    /**
     * The shipped {@code prometheus.yml} with the test's ports, a 1 s scrape and evaluation interval,
     * and its rule files by absolute path. The Flink job is left out when Flink's reporter is not on
     * the class path.
     */
    static String prometheusConfig(int port, int metricsPort, Integer flinkPort, URI alertmanager) {
        ObjectNode config = (ObjectNode) RuleFiles.read(RuleFiles.PROMETHEUS.resolve("prometheus.yml"));
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s").put("scrape_timeout", "1s").put("evaluation_interval", "1s");
        ArrayNode ruleFiles = config.putArray("rule_files");
        RuleFiles.read(RuleFiles.PROMETHEUS.resolve("prometheus.yml")).path("rule_files").forEach(f -> ruleFiles.add(
                RuleFiles.PROMETHEUS.resolve(f.asText()).toAbsolutePath().normalize().toString()));
        String am = alertmanager.getHost() + ":" + alertmanager.getPort();
        for (JsonNode alertmanagers : config.path("alerting").path("alertmanagers")) {
            alertmanagers.path("static_configs").forEach(s -> ((ObjectNode) s).putArray("targets").add(am));
        }
        ArrayNode scrapes = config.putArray("scrape_configs");
        for (JsonNode scrape : RuleFiles.read(RuleFiles.PROMETHEUS.resolve("prometheus.yml")).path("scrape_configs")) {
            String job = scrape.path("job_name").asText();
            String target = switch (job) {
                case "redflag" -> "127.0.0.1:" + metricsPort;
                case "flink" -> flinkPort == null ? null : "127.0.0.1:" + flinkPort;
                case "alertmanager" -> am;
                case "prometheus" -> "127.0.0.1:" + port;
                default -> throw new AssertionError("prometheus.yml has a scrape job the test does not know: " + job);
            };
            if (target != null) {
                ObjectNode copy = scrape.deepCopy();
                copy.putArray("static_configs").addObject().putArray("targets").add(target);
                scrapes.add(copy);
            }
        }
        try {
            return new YAMLMapper().writeValueAsString(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code redflag demo} in this JVM, as a user would start it, posting to the test's Alertmanager. */
    private record RunningDemo(DemoCommand command, CompletableFuture<Integer> exit, StringWriter out,
                               StringWriter err, int metricsPort) {

        static RunningDemo start(URI alertmanager, Integer flinkPort) throws InterruptedException {
            List<String> args = new ArrayList<>(List.of("demo", "--speed", "1800", "--web-port", "0",
                    "--metrics-port", "0", "--rules", "../alerts-config/rules", "--alertmanager",
                    alertmanager.toString(), "--duration", "10m"));
            args.addAll(List.of("--flink-metrics-port", flinkPort == null ? "0" : Integer.toString(flinkPort)));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Redflag.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            DemoCommand command = cli.getSubcommands().get("demo").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new)));
            String banner = Await.until(Duration.ofMinutes(2), out::toString,
                    text -> METRICS_URL.matcher(text).find() || exit.isDone());
            Matcher url = METRICS_URL.matcher(banner);
            assertThat(url.find()).as("the demo's banner; it printed:%n%s%n%s", out, err).isTrue();
            return new RunningDemo(command, exit, out, err, Integer.parseInt(url.group(1)));
        }

        void stop() throws Exception {
            command.stop();
            assertThat(exit.get(2, TimeUnit.MINUTES)).as("demo exit code; it printed:%n%s", err).isZero();
        }
    }
}
