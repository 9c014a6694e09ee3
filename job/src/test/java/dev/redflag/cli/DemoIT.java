package dev.redflag.cli;

import dev.redflag.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redflag demo} end to end: embedded broker, generated traffic, job on a local cluster. The
 * scripted bounce spike on acme's /pricing must show up as KPI values and fire the shipped rule
 * pack's BounceRateRising, and the generator's broken records must show as dead letters on the
 * Prometheus endpoint. The console shows redflag's own lines only; Kafka's and Flink's logs go to
 * the log file it names.
 */
class DemoIT {

    private static final Pattern PROMETHEUS = Pattern.compile("prometheus  (http://\\S+/metrics)");
    private static final Pattern FLINK_PROMETHEUS = Pattern.compile("flink prom  (http://\\S+/metrics)");
    private static final Pattern BOUNCE_ALERT = Pattern.compile(
            "FIRING +\\[[^]]+] BounceRateRising \\{kpi=bounce_rate,page=/pricing,team=growth,tenant=acme,window=1h} warning");
    private static final Pattern PRICING = Pattern.compile(
            "bounce_rate +\\{page=/pricing,tenant=acme} +(\\d+(?:\\.\\d+)?)%");
    private static final Pattern BOUNCE_MESSAGE = Pattern.compile(
            "(?m)^Slack #growth-alerts: :warning: \\[FIRING:1] BounceRateRising\n  > Bounce rate on /pricing \\(acme\\) rose to ");
    /** Every line the demo's console may print: banner, alerts, KPI values, Slack previews, status. */
    private static final List<Pattern> CONSOLE_LINES = Stream.of(
            "redflag demo",
            "  (logs|kafka|flink ui|prometheus|flink prom|traffic|rules|slack) +\\S.*",
            "  incidents \\(from the replay start\\):",
            "    \\w+: .*, \\+\\d+h\\.\\.\\+\\d+h",
            "Alerts, KPI values and Slack messages as they happen:",
            "(FIRING  |RESOLVED) \\[\\d\\d-\\d\\d \\d\\d:\\d\\d] \\w+ \\{[^}]*} (info|warning|critical)( - .*)?",
            "\\[\\d\\d-\\d\\d \\d\\d:\\d\\d\\.\\.\\d\\d:\\d\\d] bounce_rate +\\{[^}]*} +[\\d.]+% \\([\\d,]+/[\\d,]+\\)",
            "Slack #[\\w-]+: :\\w+: \\[(FIRING|RESOLVED):\\d+] \\w+(  \\(sent again, unchanged\\))?",
            "  > .+", "    .+", "  (Fingerprints?|Silence): .+",
            "",
            "status  simulated \\d\\d-\\d\\d \\d\\d:\\d\\d UTC(, quiet baseline day at \\d+x, series warming up)? \\| [\\d,]+ events/s \\| [\\d,]+ KPI values \\| \\d+ alerts? firing",
            "demo stopped: \\d+ events sent, simulated clock at \\d\\d-\\d\\d \\d\\d:\\d\\d UTC")
            .map(Pattern::compile).toList();

    @TempDir
    Path tmp;

    @Test
    void theScriptedBounceSpikeShowsUpAndAlertsAndBrokenRecordsAreDeadLettered() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setOut(new PrintWriter(out, true));
        String flinkPort = Integer.toString(freePort());
        Path logFile = tmp.resolve("logs/demo.log");
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> cli.execute(
                "demo", "--duration", "100s", "--speed", "900", "--web-port", "0", "--metrics-port", "0",
                "--flink-metrics-port", flinkPort, "--show", "bounce_rate", "--rules", "../alerts-config/rules",
                "--routes", "../alerts-config/routes.yaml", "--log-file", logFile.toString()));

        // the quiet first day takes 30 s at the default 2880x, then the spike (+30h..+33h) 24..36 s at 900x
        String spike = Await.until(Duration.ofSeconds(150), out::toString,
                text -> PRICING.matcher(text).results().anyMatch(m -> Double.parseDouble(m.group(1)) > 60)
                        && BOUNCE_ALERT.matcher(text).find() && BOUNCE_MESSAGE.matcher(text).find());
        Matcher url = PROMETHEUS.matcher(spike);
        assertThat(url.find()).isTrue();
        String metrics = get(url.group(1));
        assertThat(metrics).containsPattern("redflag_kpi_bounce_rate\\{page=\"/pricing\",tenant=\"acme\",unit=\"ratio\",window=\"1h\"} 0\\.\\d+");
        assertThat(metrics).containsPattern("redflag_dead_letters_total\\{reason=\"not_json\"} [1-9]");
        assertThat(metrics).containsPattern("redflag_events_in_total\\{type=\"session\"} [1-9]");
        assertThat(metrics).contains("redflag_rules_loaded 11.0", "redflag_late_events_total{type=\"session\"} ",
                "redflag_event_time_lag_seconds{subtask=\"0\"} ", "redflag_event_time_lag_seconds{subtask=\"1\"} ");
        assertThat(metrics).containsPattern("redflag_rule_evaluation_seconds_count [1-9]");

        // Flink's own metrics, as the pipeline-health dashboard reads them
        Matcher flinkUrl = FLINK_PROMETHEUS.matcher(spike);
        assertThat(flinkUrl.find()).isTrue();
        assertThat(flinkUrl.group(1)).isEqualTo("http://localhost:" + flinkPort + "/metrics");
        String flink = get(flinkUrl.group(1));
        assertThat(flink).contains("flink_jobmanager_job_lastCheckpointDuration{",
                "flink_jobmanager_job_numberOfFailedCheckpoints{", "flink_jobmanager_job_numRestarts{",
                "flink_taskmanager_job_task_backPressuredTimeMsPerSecond{",
                "flink_taskmanager_job_task_numRecordsInPerSecond{", "task_name=\"rule_evaluation\"",
                "flink_taskmanager_job_task_operator_watermarkLag{");

        assertThat(demo.get(180, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("demo stopped: ", "  logs        " + logFile.toAbsolutePath() + "  ");
        assertThat(out.toString().lines())
                .as("the console prints redflag's own lines only")
                .allSatisfy(line -> assertThat(CONSOLE_LINES).anySatisfy(p -> assertThat(line).matches(p)));
        String logs = Files.readString(logFile);
        assertThat(logs).as("Kafka's and Flink's logs go to the log file")
                .containsPattern(" INFO  \\[[^]]+] org\\.apache\\.kafka\\.")
                .containsPattern(" INFO  \\[[^]]+] org\\.apache\\.flink\\.")
                .contains("Formatting metadata directory"); // Kafka's formatter prints this to System.out
        // the spike is acme's alone and the rest of the time /pricing bounces about 30%
        assertThat(PRICING.matcher(out.toString()).results().filter(m -> Double.parseDouble(m.group(1)) < 50).count())
                .isGreaterThan(3);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
