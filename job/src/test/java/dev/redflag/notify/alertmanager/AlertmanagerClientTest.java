package dev.redflag.notify.alertmanager;

import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.testing.HttpStandIn.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerClientTest {

    private static final String BODY = "[{\"labels\":{\"alertname\":\"X\"},\"annotations\":{},"
            + "\"endsAt\":\"2026-11-02T11:04:00.000Z\"}]";

    private final AlertmanagerStandIn alertmanager = AlertmanagerStandIn.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AlertmanagerClient client = new AlertmanagerClient(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), RetryPolicy.defaults().withoutJitter(), sleeper);

    @AfterEach
    void stop() {
        alertmanager.close();
    }

    @Test
    void postsTheArrayToApiV2Alerts() throws Exception {
        Outcome<Void> outcome = post(AlertmanagerUrl.of(alertmanager.baseUri()));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.lastStatus()).isEqualTo(200);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.latency()).isPositive();
        assertThat(sleeper.delays()).isEmpty();
        Received request = alertmanager.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v2/alerts");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).isEqualTo(BODY);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenGivenUp() throws Exception {
        alertmanager.answer(500, 503, 502);

        Outcome<Void> outcome = post(AlertmanagerUrl.of(alertmanager.baseUri()));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.lastStatus()).isEqualTo(502);
        assertThat(outcome.error()).isEqualTo("HTTP 502: \"status 502\"");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(alertmanager.received()).extracting(Received::body).containsExactly(BODY, BODY, BODY);
    }

    @Test
    void aRetryThatSucceedsIsSent() throws Exception {
        alertmanager.answer(503);

        Outcome<Void> outcome = post(AlertmanagerUrl.of(alertmanager.baseUri()));

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void clientErrorsAreFinal() throws Exception {
        alertmanager.answer(400);

        Outcome<Void> outcome = post(AlertmanagerUrl.of(alertmanager.baseUri()));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.lastStatus()).isEqualTo(400);
        assertThat(outcome.error()).isEqualTo("HTTP 400: \"status 400\"");
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void networkErrorsAreRetriedAndNeverShowCredentials() throws Exception {
        URI base = alertmanager.baseUri();
        alertmanager.close();
        URI withSecrets = URI.create("http://ops:s3cret@" + base.getAuthority() + "/am?token=t0ken");

        Outcome<Void> outcome = post(AlertmanagerUrl.of(withSecrets));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.lastStatus()).isEqualTo(Outcome.NO_STATUS);
        assertThat(outcome.error()).startsWith("network error: ");
        assertThat(outcome.toString()).doesNotContain("s3cret", "t0ken");
    }

    @Test
    void userInfoIsSentAsBasicAuthAndTheQueryIsKept() throws Exception {
        URI base = alertmanager.baseUri();

        Outcome<Void> outcome = post(AlertmanagerUrl.of(URI.create("http://ops:s3cret@" + base.getAuthority()
                + "/prefix/?token=t0ken")));

        assertThat(outcome.sent()).isTrue();
        Received request = alertmanager.received().get(0);
        assertThat(request.path()).isEqualTo("/prefix/api/v2/alerts");
        assertThat(request.query()).isEqualTo("token=t0ken");
        assertThat(request.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(UTF_8)));
    }

    private Outcome<Void> post(AlertmanagerUrl url) throws Exception {
        return client.post(url, BODY).get(30, TimeUnit.SECONDS);
    }
}
