package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigsTest {

    private static final JobConfig DEFAULTS = JobConfig.defaults("localhost:9092");

    @TempDir
    Path dir;

    @Test
    void noRoutingFileAtTheDefaultPathMeansNoNotificationGroups() {
        // the tests run in job/, where alerts-config/routes.yaml does not exist
        assertThat(JobConfigs.notifications(DEFAULTS, Map.of()).routes()).isNull();
    }

    @Test
    void aRoutingFileNamedExplicitlyMustExist() {
        JobConfig config = DEFAULTS.withNotifications(DEFAULTS.notifications()
                .withRoutesFile(dir.resolve("routes.yaml").toString()));

        assertThatThrownBy(() -> JobConfigs.notifications(config, Map.of()))
                .isInstanceOf(UserError.class)
                .hasMessage("notify.routes: file not found: " + dir.resolve("routes.yaml"));
    }

    @Test
    void aRoutingFileIsLoaded() throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.yaml"), """
                route: {receiver: web}
                receivers: [{name: web, slack: {channel: "#web"}}]
                """);
        JobConfig config = DEFAULTS.withNotifications(DEFAULTS.notifications().withRoutesFile(routes.toString()));

        assertThat(JobConfigs.notifications(config, Map.of()).routes().receivers()).containsOnlyKeys("web");
    }

    @Test
    void twoSlackSecretsAreRefusedAtStartWithoutShowingEither() {
        assertThatThrownBy(() -> JobConfigs.notifications(DEFAULTS, Map.of(
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secret",
                "SLACK_BOT_TOKEN", "xoxb-secret")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("SLACK_WEBHOOK_URL").hasMessageContaining("SLACK_BOT_TOKEN")
                .hasMessageNotContaining("secret");
    }
}
