package dev.redflag.metrics;

import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scrapes a real hub over HTTP, the way Prometheus does. */
class MetricsHubTest {

    /** What Prometheus 2.x and 3.x send when scraping. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsHub hub;

    @BeforeEach
    void start() {
        hub = MetricsHub.start(0);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sample lines of a scrape, without HELP/TYPE comments. */
    private List<String> samples() throws IOException, InterruptedException {
        HttpResponse<String> response = get(hub.port(), "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void servesKpiGaugesOverHttp() throws Exception {
        KpiGauges gauges = hub.kpiGauges(100);
        gauges.record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.25);
        gauges.record("bounce_rate", "1h", Map.of("page", "/"), 0.5);
        gauges.record("nps", "1d/1h", Map.of("segment", "smb", "product", "app"), -12.0);
        gauges.record("arpu", "1d", Map.of(), 41.5);

        HttpResponse<String> response = get(hub.port(), "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body().lines()).contains(
                "# TYPE redflag_kpi_bounce_rate gauge",
                "redflag_kpi_bounce_rate{page=\"/pricing\",window=\"1h\"} 0.25",
                "redflag_kpi_bounce_rate{page=\"/\",window=\"1h\"} 0.5",
                "redflag_kpi_nps{product=\"app\",segment=\"smb\",window=\"1d/1h\"} -12.0",
                "redflag_kpi_arpu{window=\"1d\"} 41.5");
    }

    @Test
    void aKpiOfTheCatalogCarriesItsUnitAndADimensionNamedUnitMakesWay() throws Exception {
        KpiGauges gauges = hub.kpiGauges(100);
        gauges.expect("nps", "points");
        gauges.expect("mql_age_p50", "hours");
        gauges.record("nps", "1d", Map.of("segment", "smb"), 12.0);
        gauges.record("mql_age_p50", "1d", Map.of("unit", "sales-east"), 30.5);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_nps") || l.startsWith("redflag_kpi_mql"))
                .containsExactlyInAnyOrder(
                        "redflag_kpi_nps{segment=\"smb\",unit=\"points\",window=\"1d\"} 12.0",
                        "redflag_kpi_mql_age_p50{dim_unit=\"sales-east\",unit=\"hours\",window=\"1d\"} 30.5");
    }

    @Test
    void updatesAGaugeInPlace() throws Exception {
        KpiGauges gauges = hub.kpiGauges(100);
        gauges.record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.25);
        int meters = hub.registry().getMeters().size();

        gauges.record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.4);

        assertThat(hub.registry().getMeters()).hasSize(meters);
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_bounce_rate"))
                .containsExactly("redflag_kpi_bounce_rate{page=\"/pricing\",window=\"1h\"} 0.4");
    }

    @Test
    void capsSeriesPerKpiAndCountsTheRest() throws Exception {
        KpiGauges gauges = hub.kpiGauges(2);
        gauges.record("ctr", "1h", Map.of("campaign", "a"), 0.01);
        gauges.record("ctr", "1h", Map.of("campaign", "b"), 0.02);
        gauges.record("ctr", "1h", Map.of("campaign", "c"), 0.03);
        gauges.record("cpc", "1h", Map.of("campaign", "c"), 1.5);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_"))
                .containsExactlyInAnyOrder(
                        "redflag_kpi_ctr{campaign=\"a\",window=\"1h\"} 0.01",
                        "redflag_kpi_ctr{campaign=\"b\",window=\"1h\"} 0.02",
                        "redflag_kpi_cpc{campaign=\"c\",window=\"1h\"} 1.5",
                        "redflag_kpi_series_dropped_total{kpi=\"ctr\",reason=\"cap\"} 1.0");
        assertThat(gauges.seriesCount("ctr")).isEqualTo(2);
    }

    @Test
    void pastTheCapEveryRecordingIsCountedAndOtherDimensionsStillCountAsAMismatch() throws Exception {
        KpiGauges gauges = hub.kpiGauges(1);
        gauges.record("ctr", "1h", Map.of("campaign", "a"), 0.01);
        gauges.record("ctr", "1h", Map.of("campaign", "b"), 0.02);
        gauges.record("ctr", "1h", Map.of("campaign", "b"), 0.03);
        gauges.record("ctr", "1d", Map.of("campaign", "c"), 0.04);
        gauges.record("ctr", "1h", Map.of("campaign", "a", "device", "ios"), 0.05);
        gauges.record("ctr", "1h", Map.of("campaign", "a"), 0.06);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_"))
                .containsExactlyInAnyOrder(
                        "redflag_kpi_ctr{campaign=\"a\",window=\"1h\"} 0.06",
                        "redflag_kpi_series_dropped_total{kpi=\"ctr\",reason=\"cap\"} 3.0",
                        "redflag_kpi_series_dropped_total{kpi=\"ctr\",reason=\"label_mismatch\"} 1.0");
    }

    @Test
    void aSeriesWithOtherDimensionsThanTheFirstIsDropped() throws Exception {
        KpiGauges gauges = hub.kpiGauges(100);
        gauges.record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.25);
        gauges.record("bounce_rate", "1h", Map.of("page", "/pricing", "channel", "seo"), 0.3);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_"))
                .containsExactlyInAnyOrder(
                        "redflag_kpi_bounce_rate{page=\"/pricing\",window=\"1h\"} 0.25",
                        "redflag_kpi_series_dropped_total{kpi=\"bounce_rate\",reason=\"label_mismatch\"} 1.0");
    }

    @Test
    void sanitisesLabelAndMetricNames() throws Exception {
        KpiGauges gauges = hub.kpiGauges(100);
        gauges.record("email-open.rate", "1h", Map.of("kpi", "x", "window", "y", "__name", "z", "utm.source", "q",
                "1st", "w"), 0.5);

        assertThat(samples()).contains("redflag_kpi_email_open_rate{_1st=\"w\",dim___name=\"z\",dim_kpi=\"x\","
                + "dim_window=\"y\",utm_source=\"q\",window=\"1h\"} 0.5");
        assertThat(KpiGauges.metricName("values")).isEqualTo("redflag_kpi_kpi_values");
        assertThat(KpiGauges.labelName("page")).isEqualTo("page");
    }

    @Test
    void servesPipelineCountersPreRegistered() throws Exception {
        PipelineMetrics pipeline = hub.pipelineMetrics();
        pipeline.eventIn(EventType.SESSION);
        pipeline.eventIn(EventType.SESSION);
        pipeline.eventIn(EventType.AD_SPEND);
        pipeline.lateEvent(EventType.SESSION);
        pipeline.deadLetter(DeadLetterReason.NOT_JSON);
        pipeline.kpiValue("bounce_rate");
        pipeline.expiredContribution("bounce_rate");

        List<String> samples = samples();

        assertThat(samples).contains(
                "redflag_events_in_total{type=\"session\"} 2.0",
                "redflag_events_in_total{type=\"ad_spend\"} 1.0",
                "redflag_events_in_total{type=\"wallet\"} 0.0",
                "redflag_late_events_total{type=\"session\"} 1.0",
                "redflag_late_events_total{type=\"nps\"} 0.0",
                "redflag_dead_letters_total{reason=\"not_json\"} 1.0",
                "redflag_dead_letters_total{reason=\"late\"} 0.0",
                "redflag_kpi_values_total{kpi=\"bounce_rate\"} 1.0",
                "redflag_kpi_contributions_expired_total{kpi=\"bounce_rate\"} 1.0");
        assertThat(samples).filteredOn(l -> l.startsWith("redflag_events_in_total"))
                .hasSize(EventType.values().length);
        assertThat(samples).filteredOn(l -> l.startsWith("redflag_late_events_total"))
                .hasSize(EventType.values().length);
        assertThat(samples).filteredOn(l -> l.startsWith("redflag_dead_letters_total"))
                .hasSize(DeadLetterReason.values().length);
        assertThat(hub.pipelineMetrics()).isSameAs(pipeline);
    }

    @Test
    void countersOfWhatTheConfigurationNamesExistAtZeroBeforeTheirFirstCount() throws Exception {
        hub.kpiGauges(100).expect("bounce_rate", "ratio");
        hub.pipelineMetrics().expectKpi("bounce_rate");
        hub.alertMetrics().expect("BounceHigh", false);
        hub.notificationMetrics().expect("slack", "growth", "sent", "failed", "resent");

        assertThat(samples()).contains(
                "redflag_kpi_series_dropped_total{kpi=\"bounce_rate\",reason=\"cap\"} 0.0",
                "redflag_kpi_series_dropped_total{kpi=\"bounce_rate\",reason=\"label_mismatch\"} 0.0",
                "redflag_kpi_values_total{kpi=\"bounce_rate\"} 0.0",
                "redflag_kpi_contributions_expired_total{kpi=\"bounce_rate\"} 0.0",
                "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"pending\"} 0.0",
                "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"firing\"} 0.0",
                "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"resolved\"} 0.0",
                "redflag_notifications_total{integration=\"slack\",outcome=\"sent\",receiver=\"growth\"} 0.0",
                "redflag_notifications_total{integration=\"slack\",outcome=\"failed\",receiver=\"growth\"} 0.0",
                "redflag_notifications_total{integration=\"slack\",outcome=\"resent\",receiver=\"growth\"} 0.0",
                "redflag_notification_attempts_total{integration=\"slack\",receiver=\"growth\"} 0.0",
                "redflag_notification_latency_seconds_count{integration=\"slack\",receiver=\"growth\"} 0");

        hub.alertMetrics().transition("BounceHigh", "firing", false);
        hub.notificationMetrics().outcome("slack", "growth", "sent");
        hub.notificationMetrics().expect("slack", "growth", "sent");
        assertThat(samples()).contains(
                "redflag_alert_transitions_total{alertname=\"BounceHigh\",mode=\"live\",state=\"firing\"} 1.0",
                "redflag_notifications_total{integration=\"slack\",outcome=\"sent\",receiver=\"growth\"} 1.0");
    }

    private static final Map<String, String> PRICING = Map.of("alertname", "BounceHigh", "severity", "warning",
            "kpi", "bounce_rate", "window", "1h", "page", "/pricing", "tenant", "acme", "team", "growth");

    @Test
    void alertsHaveOneLabelSetWithEveryCatalogDimensionAndGoAwayWhenRemoved() throws Exception {
        AlertGauges alerts = hub.alertGauges(List.of("tenant", "page", "channel", "utm.source", "state", "alertstate",
                "kpi"));
        AlertGauges.Series pending = alerts.add("pending", PRICING);
        AlertGauges.Series stream = alerts.add("firing", Map.of("alertname", "NoOrders", "kpi", "arpu",
                "window", "1d"));

        assertThat(alerts.labelNames()).containsExactly("alertname", "severity", "alertstate", "kpi", "window",
                "dim_alertstate", "channel", "page", "state", "tenant", "utm_source");
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_alerts")).containsExactlyInAnyOrder(
                "redflag_alerts{alertname=\"BounceHigh\",alertstate=\"pending\",channel=\"\",dim_alertstate=\"\","
                        + "kpi=\"bounce_rate\",page=\"/pricing\",severity=\"warning\",state=\"\",tenant=\"acme\","
                        + "utm_source=\"\",window=\"1h\"} 1.0",
                "redflag_alerts{alertname=\"NoOrders\",alertstate=\"firing\",channel=\"\",dim_alertstate=\"\","
                        + "kpi=\"arpu\",page=\"\",severity=\"\",state=\"\",tenant=\"\",utm_source=\"\",window=\"1d\"} 1.0");

        alerts.remove(pending);
        AlertGauges.Series firing = alerts.add("firing", PRICING);
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_alerts{alertname=\"BounceHigh\""))
                .singleElement().asString().contains("alertstate=\"firing\"").endsWith(" 1.0");

        alerts.remove(firing);
        alerts.remove(stream);
        assertThat(samples()).noneMatch(l -> l.startsWith("redflag_alerts"));
        assertThat(hub.registry().find("redflag_alerts").meters()).isEmpty();
    }

    @Test
    void alertsThatDifferOnlyInLabelsNotExportedAreCountedTogether() throws Exception {
        AlertGauges alerts = hub.alertGauges(List.of("tenant", "page"));
        Map<String, String> otherTeam = new java.util.HashMap<>(PRICING);
        otherTeam.put("team", "web");
        AlertGauges.Series growth = alerts.add("firing", PRICING);
        AlertGauges.Series web = alerts.add("firing", otherTeam);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_alerts")).singleElement().asString()
                .endsWith(" 2.0");
        alerts.remove(growth);
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_alerts")).singleElement().asString()
                .endsWith(" 1.0");
        alerts.remove(web);
        assertThat(samples()).noneMatch(l -> l.startsWith("redflag_alerts"));
    }

    @Test
    void ruleEvaluationTimeIsAHistogramWithFixedBuckets() throws Exception {
        RuleEvaluationMetrics evaluation = hub.ruleEvaluationMetrics();
        evaluation.evaluated(70_000);
        evaluation.evaluated(3_000_000);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_rule_evaluation_seconds")).containsExactly(
                "redflag_rule_evaluation_seconds_bucket{le=\"5.0E-5\"} 0",
                "redflag_rule_evaluation_seconds_bucket{le=\"1.0E-4\"} 1",
                "redflag_rule_evaluation_seconds_bucket{le=\"2.5E-4\"} 1",
                "redflag_rule_evaluation_seconds_bucket{le=\"5.0E-4\"} 1",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.001\"} 1",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.0025\"} 1",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.005\"} 2",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.01\"} 2",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.025\"} 2",
                "redflag_rule_evaluation_seconds_bucket{le=\"0.1\"} 2",
                "redflag_rule_evaluation_seconds_bucket{le=\"1.0\"} 2",
                "redflag_rule_evaluation_seconds_bucket{le=\"+Inf\"} 2",
                "redflag_rule_evaluation_seconds_count 2",
                "redflag_rule_evaluation_seconds_sum 0.00307",
                "redflag_rule_evaluation_seconds_max 0.003");
        assertThat(hub.ruleEvaluationMetrics()).isSameAs(evaluation);
    }

    @Test
    void eventTimeLagIsTheClockMinusTheWatermarkWhenScraped() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(100_000);
        RuleEvaluationMetrics evaluation = new RuleEvaluationMetrics(hub.registry(), clock::get);
        RuleEvaluationMetrics.EventTimeLag zero = evaluation.eventTimeLag(0);
        RuleEvaluationMetrics.EventTimeLag one = evaluation.eventTimeLag(1);
        zero.watermark(40_000);

        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_event_time_lag_seconds")).containsExactly(
                "redflag_event_time_lag_seconds{subtask=\"0\"} 60.0",
                "redflag_event_time_lag_seconds{subtask=\"1\"} NaN");

        // a watermark that stops moving lags more and more without anybody reporting it again
        clock.set(130_500);
        one.watermark(Long.MAX_VALUE);
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_event_time_lag_seconds")).containsExactly(
                "redflag_event_time_lag_seconds{subtask=\"0\"} 90.5",
                "redflag_event_time_lag_seconds{subtask=\"1\"} NaN");

        // a new attempt of subtask 1 replaces the gauge; the old one closing late leaves it alone
        RuleEvaluationMetrics.EventTimeLag again = evaluation.eventTimeLag(1);
        again.watermark(130_000);
        one.close();
        zero.close();
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_event_time_lag_seconds"))
                .containsExactly("redflag_event_time_lag_seconds{subtask=\"1\"} 0.5");
        again.close();
        assertThat(samples()).noneMatch(l -> l.startsWith("redflag_event_time_lag_seconds"));
    }

    @Test
    void countsCorrectlyFromManyThreads() throws Exception {
        PipelineMetrics pipeline = hub.pipelineMetrics();
        KpiGauges gauges = hub.kpiGauges(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1000; i++) {
                    pipeline.eventIn(EventType.ORDER);
                    gauges.record("revenue", "1h", Map.of("channel", "c" + (i % 50)), thread);
                }
                return null;
            }));
        }
        go.countDown();
        for (var f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(samples()).contains("redflag_events_in_total{type=\"order\"} 4000.0");
        assertThat(gauges.seriesCount("revenue")).isEqualTo(50);
        assertThat(samples()).filteredOn(l -> l.startsWith("redflag_kpi_revenue")).hasSize(50);
    }

    @Test
    void healthAndUnknownPaths() throws Exception {
        HttpResponse<String> healthy = get(hub.port(), "/-/healthy");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("Exporter is healthy.\n");

        HttpResponse<String> unknown = get(hub.port(), "/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not found; try /metrics or /-/healthy\n");
    }

    @Test
    void servesOpenMetricsToAScraperThatAsksForIt() throws Exception {
        hub.kpiGauges(100).record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.25);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + hub.port() + "/metrics"))
                .header("Accept", PROMETHEUS_ACCEPT).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body().lines()).contains(
                "# TYPE redflag_build info",
                "# TYPE redflag_kpi_bounce_rate gauge",
                "redflag_kpi_bounce_rate{page=\"/pricing\",window=\"1h\"} 0.25");
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void gzipsTheScrapeForAScraperThatAcceptsIt() throws Exception {
        hub.kpiGauges(100).record("bounce_rate", "1h", Map.of("page", "/pricing"), 0.25);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + hub.port() + "/metrics"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(body.lines()).contains("redflag_kpi_bounce_rate{page=\"/pricing\",window=\"1h\"} 0.25");
    }

    @Test
    void buildInfoSaysWhichBuildRunsOnWhichJavaAndFlink() throws Exception {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(build.revision()).matches("[0-9a-f]{7,}|unknown");
        assertThat(build.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(build.flinkVersion()).isEqualTo("2.2.1");
        assertThat(samples()).contains("redflag_build_info{flink_version=\"2.2.1\",java_version=\""
                + build.javaVersion() + "\",revision=\"" + build.revision() + "\",version=\"" + build.version()
                + "\"} 1");
    }

    @Test
    void sharedHubIsCountedAndFreesItsPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        MetricsHub first = MetricsHub.shared(port);
        MetricsHub second = MetricsHub.shared(port);
        assertThat(second).isSameAs(first);
        assertThat(first.port()).isEqualTo(port);
        assertThat(first.kpiGauges(10)).isSameAs(second.kpiGauges(20));

        first.release();
        assertThat(second.isClosed()).isFalse();
        assertThat(get(port, "/-/healthy").statusCode()).isEqualTo(200);

        second.release();
        assertThat(second.isClosed()).isTrue();
        assertThatThrownBy(() -> get(port, "/-/healthy")).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }

        MetricsHub third = MetricsHub.shared(port);
        try {
            assertThat(third).isNotSameAs(first);
            assertThat(get(port, "/-/healthy").statusCode()).isEqualTo(200);
        } finally {
            third.release();
        }
    }

    /**
     * Flink interrupts a subtask it cancels, also while the subtask opens the hub. The Prometheus
     * client's own server then threw after binding the port and never let go of it, so every later
     * attempt of the job on that TaskManager failed with "Address already in use".
     */
    @Test
    void aHubOpenedByAnInterruptedSubtaskServesAndFreesItsPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        MetricsHub[] opened = new MetricsHub[1];
        Throwable[] failed = new Throwable[1];
        Thread cancelledSubtask = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                opened[0] = MetricsHub.shared(port);
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        cancelledSubtask.start();
        cancelledSubtask.join();

        assertThat(failed[0]).isNull();
        assertThat(get(port, "/-/healthy").statusCode()).isEqualTo(200);
        opened[0].release();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aHubOnAnyPortIsAlsoTheSharedHubOfThePortItGot() {
        MetricsHub any = MetricsHub.shared(0);
        try {
            MetricsHub byPort = MetricsHub.shared(any.port());
            assertThat(byPort).isSameAs(any);
            byPort.release();
            assertThat(any.isClosed()).isFalse();
        } finally {
            any.release();
        }
        assertThat(any.isClosed()).isTrue();
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        assertThatThrownBy(() -> MetricsHub.start(hub.port()))
                .hasMessageStartingWith("cannot serve Prometheus metrics on port " + hub.port())
                .hasMessageEndingWith("; set metrics.port (REDFLAG_METRICS_PORT) to a free port, a range with one "
                        + "free port per TaskManager of the host, or 0 for any");
    }

    /** A port whose next port is free too, so that other builds on the machine cannot take the range's second. */
    private static int freePairOfPorts() throws IOException {
        while (true) {
            int first;
            try (ServerSocket probe = new ServerSocket(0)) {
                first = probe.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(first + 1)) {
                return first;
            } catch (IOException taken) {
                // try another
            }
        }
    }

    @Test
    void aRangeGivesTheFirstPortThatIsFree() throws Exception {
        int first = freePairOfPorts();
        // another TaskManager of the host holds the first port of the range
        try (ServerSocket taken = new ServerSocket(first)) {
            MetricsHub hub = MetricsHub.shared(first, first + 1);
            try {
                assertThat(hub.port()).isEqualTo(first + 1);
                assertThat(MetricsHub.shared(first, first + 1)).isSameAs(hub);
                hub.release();
                assertThat(get(first + 1, "/-/healthy").statusCode()).isEqualTo(200);
            } finally {
                hub.release();
            }
            assertThat(hub.isClosed()).isTrue();
            try (ServerSocket second = new ServerSocket(first + 1)) {
                assertThatThrownBy(() -> MetricsHub.shared(first, first + 1))
                        .hasMessageStartingWith("cannot serve Prometheus metrics on any port of " + first + "-"
                                + (first + 1));
            }
        }
    }
}
