package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The demo's options: Alertmanager and Flink settings and the job config they make, Slack JSON, the log file. */
class DemoCommandTest {

    @TempDir
    Path work;

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

    private static DemoCommand parse(String... args) {
        CommandLine cli = Redflag.commandLine();
        cli.parseArgs(args);
        return cli.getSubcommands().get("demo").getCommand();
    }
}
