package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.Pacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The demo's options: Alertmanager and Flink settings and the job config they make, Slack JSON, the log file, the
 * two replay speeds and what the banner and status line say about them.
 */
class DemoCommandTest {

    @TempDir
    Path work;

    @Test
    void aKpiValueLineReadsInTheKpisUnitWithTheCountsOfARatioAsTheyAre() {
        dev.redflag.kpi.KpiCatalog catalog = dev.redflag.kpi.KpiCatalog.builtins(
                java.util.List.of(dev.redflag.kpi.WindowSpec.parse("1h")));
        long start = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
        dev.redflag.kpi.KpiValue bounce = new dev.redflag.kpi.KpiValue("bounce_rate", "1h",
                new java.util.TreeMap<>(java.util.Map.of("page", "/pricing", "tenant", "acme")), start,
                start + 3_600_000, 2.0 / 3, 2, 3, 3);
        dev.redflag.kpi.KpiValue age = new dev.redflag.kpi.KpiValue("mql_age_p50", "1h",
                new java.util.TreeMap<>(java.util.Map.of("tenant", "acme")), start, start + 3_600_000, 28, Double.NaN, Double.NaN,
                5);

        assertThat(DemoCommand.line(bounce, catalog.format("bounce_rate")))
                .isEqualTo("[11-02 10:00..11:00] bounce_rate      {page=/pricing,tenant=acme}            66.7% (2/3)");
        assertThat(DemoCommand.line(age, catalog.format("mql_age_p50")))
                .isEqualTo("[11-02 10:00..11:00] mql_age_p50      {tenant=acme}                          1d 4h");
    }

    @Test
    void alertmanagersAndFlinkSettingsGoIntoTheDemosConfig() {
        DemoCommand demo = parse("demo", "--alertmanager", "http://am-1:9093,http://user:it's@am-2:9093",
                "-Dmetrics.reporter.prom.port=9250", "-D", "rest.port=0");

        assertThat(demo.flinkSettings).containsExactly(entry("metrics.reporter.prom.port", "9250"),
                entry("rest.port", "0"));
        JobConfig config = demo.demoConfig("localhost:9092", work, 9249);
        assertThat(config.notifications().alertmanagerUrls())
                .containsExactly("http://am-1:9093", "http://user:it's@am-2:9093");
        assertThat(config.metrics().port()).isEqualTo(9249);
    }

    @Test
    void withoutThemTheDemoPostsToNoAlertmanager() {
        DemoCommand demo = parse("demo");

        assertThat(demo.flinkSettings).isEmpty();
        assertThat(demo.demoConfig("localhost:9092", work, 0).notifications().alertmanagerUrls()).isEmpty();
    }

    @Test
    void slackMessagesAreTextAndLogsGoToAFreshFileUnlessAsked() {
        DemoCommand defaults = parse("demo");
        DemoCommand asked = parse("demo", "--slack-json", "--log-file", "logs/demo.log");

        assertThat(defaults.slackJson).isFalse();
        assertThat(defaults.logFile).isNull();
        assertThat(asked.slackJson).isTrue();
        assertThat(asked.logFile).isEqualTo(Path.of("logs/demo.log"));
    }

    @Test
    void theKpisOfTheRulesAreDefinedNextToTheirDirectory() throws Exception {
        Path config = Files.createDirectories(work.resolve("alerts-config/rules")).getParent();
        Files.writeString(config.resolve("kpis.yaml"), "custom: []\n");

        JobConfig besideRules = parse("demo", "--rules", config.resolve("rules").toString())
                .demoConfig("localhost:9092", work, 0);
        JobConfig elsewhere = parse("demo", "--rules", work.resolve("no-such-dir/rules").toString())
                .demoConfig("localhost:9092", work, 0);

        assertThat(besideRules.kpis().definitions()).isEqualTo(config.resolve("kpis.yaml").toAbsolutePath());
        assertThat(elsewhere.kpis().definitions()).isEqualTo(Path.of("alerts-config/kpis.yaml"));
    }

    @Test
    void theQuietFirstDayReplaysAtTheWarmUpSpeedAndTheIncidentsAtTheSpeed() {
        DemoCommand defaults = parse("demo");
        DemoCommand asked = parse("demo", "--warm-up-speed", "1440", "--speed", "900");
        Instant start = Instant.parse("2026-12-04T16:49:00Z");
        Instant now = start.plus(Duration.ofHours(38));

        assertThat(defaults.warmUpSpeed).isEqualTo(2880);
        assertThat(defaults.speed).isEqualTo(360);
        assertThat(defaults.traffic(start)).isEqualTo("  traffic     replaying from 12-04 16:49 UTC: first a quiet "
                + "baseline day at 2880x (every series learns its daily cycle before it is judged), then the incidents "
                + "at 360x, then real time");
        // the day in 86,400 s / 1440 = 60 s, then 2 h to the first incident in 7,200 s / 900 = 8 s
        Pacer pacer = asked.pacer(start, now);
        assertThat(pacer.releaseAt(start.plus(Incidents.QUIET_DAY))).isEqualTo(now.plusSeconds(60));
        assertThat(pacer.releaseAt(start.plus(Incidents.scripted().get(0).start()))).isEqualTo(now.plusSeconds(68));
        assertThat(asked.traffic(start)).contains("quiet baseline day at 1440x", "the incidents at 900x");
    }

    @Test
    void theStatusLineSaysWhileTheQuietDayReplays() {
        Instant start = Instant.parse("2026-12-04T16:49:00Z");
        Pacer pacer = parse("demo").pacer(start, start.plus(Duration.ofHours(38)));

        assertThat(DemoCommand.statusNote(pacer, start.plus(Duration.ofHours(23))))
                .isEqualTo("quiet baseline day at 2880x, series warming up");
        assertThat(DemoCommand.statusNote(pacer, start.plus(Incidents.QUIET_DAY))).isEmpty();
    }

    @Test
    void speedsMustBePositive() {
        Instant now = Instant.parse("2026-12-06T06:49:00Z");
        assertThatThrownBy(() -> parse("demo", "--warm-up-speed", "0").pacer(now, now))
                .isInstanceOf(UserError.class).hasMessage("--warm-up-speed must be a positive number, got 0.0");
        assertThatThrownBy(() -> parse("demo", "--speed", "-1").pacer(now, now))
                .isInstanceOf(UserError.class).hasMessage("--speed must be a positive number, got -1.0");
    }

    private static DemoCommand parse(String... args) {
        CommandLine cli = Redflag.commandLine();
        cli.parseArgs(args);
        return cli.getSubcommands().get("demo").getCommand();
    }
}
