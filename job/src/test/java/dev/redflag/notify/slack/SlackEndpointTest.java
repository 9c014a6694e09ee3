package dev.redflag.notify.slack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackEndpointTest {

    private static final String WEBHOOK = "https://hooks.slack.com/services/T0SECRET/B0SECRET/hookSecret123";
    private static final String TOKEN = "xoxb-1234-5678-tokenSecret";

    @TempDir
    Path dir;

    @Test
    void toStringMasksTheSecrets() {
        assertThat(SlackEndpoint.webhook(WEBHOOK)).hasToString("SlackEndpoint[webhook=***]");
        assertThat(SlackEndpoint.bot(TOKEN)).hasToString("SlackEndpoint[botToken=***, api=https://slack.com/api]");
        assertThat(SlackEndpoint.bot(TOKEN, "http://localhost:9/api//"))
                .hasToString("SlackEndpoint[botToken=***, api=http://localhost:9/api]");
    }

    @Test
    void postsToTheWebhookOrToChatPostMessage() {
        assertThat(SlackEndpoint.webhook(WEBHOOK).postUri()).hasToString(WEBHOOK);
        assertThat(SlackEndpoint.bot(TOKEN).postUri()).hasToString("https://slack.com/api/chat.postMessage");
    }

    @Test
    void redactsUrlPathAndToken() {
        assertThat(SlackEndpoint.webhook(WEBHOOK).redact("at " + WEBHOOK + " and /services/T0SECRET/B0SECRET/hookSecret123"))
                .isEqualTo("at *** and ***");
        assertThat(SlackEndpoint.bot(TOKEN).redact("Bearer " + TOKEN)).isEqualTo("Bearer ***");
        assertThat(SlackEndpoint.bot(TOKEN).redact(null)).isNull();
    }

    @Test
    void exceptionsNeverQuoteTheSecrets() {
        assertThatThrownBy(() -> SlackEndpoint.webhook("ftp://hooks.slack.com/services/hookSecret123"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hookSecret123");
        assertThatThrownBy(() -> SlackEndpoint.webhook("not a url hookSecret123"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hookSecret123");
        assertThatThrownBy(() -> SlackEndpoint.bot("xoxb-token Secret"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("Secret");
        assertThatThrownBy(() -> new SlackEndpoint(WEBHOOK, TOKEN, null))
                .isInstanceOf(IllegalArgumentException.class).message()
                .doesNotContain("hookSecret123").doesNotContain("tokenSecret");
        assertThatThrownBy(() -> SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", WEBHOOK,
                "SLACK_BOT_TOKEN", TOKEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLACK_WEBHOOK_URL").hasMessageContaining("SLACK_BOT_TOKEN")
                .message().doesNotContain("hookSecret123").doesNotContain("tokenSecret");
    }

    @Test
    void environmentWithoutSlackIsEmpty() {
        assertThat(SlackEndpoint.fromEnvironment(Map.of())).isEmpty();
        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", " ", "SLACK_API_URL", "http://x"))).isEmpty();
    }

    @Test
    void environmentWebhook() {
        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", WEBHOOK)))
                .contains(SlackEndpoint.webhook(WEBHOOK));
    }

    @Test
    void environmentBotTokenWithDefaultOrGivenApi() {
        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_BOT_TOKEN", TOKEN)))
                .contains(new SlackEndpoint(null, TOKEN, "https://slack.com/api"));
        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_API_URL", "http://127.0.0.1:8/api/")))
                .contains(new SlackEndpoint(null, TOKEN, "http://127.0.0.1:8/api"));
    }

    @Test
    void environmentSecretsFromFiles() throws Exception {
        Path hook = Files.writeString(dir.resolve("hook"), "  " + WEBHOOK + "\n");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\r\n");

        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL_FILE", hook.toString())))
                .contains(SlackEndpoint.webhook(WEBHOOK));
        assertThat(SlackEndpoint.fromEnvironment(Map.of("SLACK_BOT_TOKEN_FILE", token.toString())))
                .contains(SlackEndpoint.bot(TOKEN));
        Optional<SlackEndpoint> withApi = SlackEndpoint.fromEnvironment(Map.of("SLACK_BOT_TOKEN_FILE", token.toString(),
                "SLACK_API_URL", "http://localhost:1/api"));
        assertThat(withApi).contains(SlackEndpoint.bot(TOKEN, "http://localhost:1/api"));
        assertThat(withApi.orElseThrow().toString()).doesNotContain(TOKEN);
    }

    @Test
    void environmentSecretFileProblems() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        Path hook = Files.writeString(dir.resolve("hook"), WEBHOOK);

        assertThatThrownBy(() -> SlackEndpoint.fromEnvironment(Map.of("SLACK_BOT_TOKEN_FILE", empty.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_BOT_TOKEN_FILE");
        assertThatThrownBy(() -> SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL_FILE",
                dir.resolve("missing").toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("SLACK_WEBHOOK_URL_FILE");
        assertThatThrownBy(() -> SlackEndpoint.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", WEBHOOK,
                "SLACK_WEBHOOK_URL_FILE", hook.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one of");
    }
}
