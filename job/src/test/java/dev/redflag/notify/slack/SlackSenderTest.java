package dev.redflag.notify.slack;

import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;
import dev.redflag.notify.slack.SlackStandIn.Answer;
import dev.redflag.testing.HttpStandIn.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SlackSenderTest {

    private static final String WEBHOOK_PATH = "/services/T0SECRET/B0SECRET/hookSecret123";
    private static final String TOKEN = "xoxb-1234-5678-tokenSecret";

    /** The default attempts and nominal waits, without jitter, so that each wait is exact. */
    private static final RetryPolicy EXACT = RetryPolicy.defaults().withoutJitter();

    private final SlackStandIn slack = SlackStandIn.start();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SlackMessage message = SlackMessage.forGroup("Bounce – rate <!channel>",
            List.of(TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate")
                    .firing(Map.of("page", "/checkout"), 0.42, 0.2, 110)), Links.none()).withChannel("C123");

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void webhookSentAtFirstAttempt() throws Exception {
        slack.answer(Answer.webhookOk());

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(delivery.error()).isNull();
        assertThat(delivery.value()).isEqualTo(new SlackPost(null, null));
        assertThat(delivery.latency()).isPositive();
        assertThat(sleeper.delays()).isEmpty();
        Received request = single();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.body()).isEqualTo(message.toJson());
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void serverErrorIsRetriedAfterTheBaseDelay() throws Exception {
        slack.answer(Answer.of(500, "oops"), Answer.webhookOk());

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
        assertThat(slack.received()).extracting(Received::body).containsExactly(message.toJson(), message.toJson());
    }

    @Test
    void tooManyRequestsWaitsExactlyRetryAfter() throws Exception {
        slack.answer(Answer.tooManyRequests(7), Answer.webhookOk());

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOff() throws Exception {
        slack.answer(Answer.of(429, ""), Answer.of(429, ""), Answer.of(429, ""));

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(429);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterThreeServerErrors() throws Exception {
        slack.answer(Answer.of(500, "a"), Answer.of(502, "b"), Answer.of(503, "upstream down"));

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(503);
        assertThat(delivery.error()).isEqualTo("HTTP 503: upstream down");
        assertThat(delivery.value()).isNull();
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(slack.received()).hasSize(3);
    }

    @Test
    void clientErrorIsFinal() throws Exception {
        slack.answer(Answer.of(400, "invalid_payload"), Answer.webhookOk());

        Outcome<SlackPost> delivery = send(webhook());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatus()).isEqualTo(400);
        assertThat(delivery.error()).isEqualTo("HTTP 400: invalid_payload");
        assertThat(sleeper.delays()).isEmpty();
        assertThat(slack.received()).hasSize(1);
    }

    @Test
    void botApiRateLimitedIsRetriedAndTsReturned() throws Exception {
        slack.answer(Answer.apiError("ratelimited"), Answer.apiOk("1712345678.000100"));

        Outcome<SlackPost> delivery = send(bot());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.value().ts()).isEqualTo("1712345678.000100");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
        assertThat(slack.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/api/chat.postMessage");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.body()).isEqualTo(message.toJson());
        });
    }

    @Test
    void botApiRateLimitedHonoursRetryAfter() throws Exception {
        Answer limited = Answer.apiError("ratelimited");
        slack.answer(new Answer(200, Map.of("Retry-After", "3"), limited.body()), Answer.apiOk("1.2"));

        Outcome<SlackPost> delivery = send(bot());

        assertThat(delivery.value().ts()).isEqualTo("1.2");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void botApiHttp429IsRetriedToo() throws Exception {
        slack.answer(Answer.tooManyRequests(30), Answer.apiOk("9.9"));

        Outcome<SlackPost> delivery = send(bot());

        assertThat(delivery.value().ts()).isEqualTo("9.9");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void botApiErrorIsFinal() throws Exception {
        slack.answer(Answer.apiError("channel_not_found"), Answer.apiOk("1.0"));

        Outcome<SlackPost> delivery = send(bot());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(delivery.error()).isEqualTo("slack error: channel_not_found");
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void botApiUnreadableAnswerIsFinal() throws Exception {
        slack.answer(Answer.of(200, "<html>proxy</html>"));

        Outcome<SlackPost> delivery = send(bot());

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.error()).startsWith("unreadable API answer");
    }

    @Test
    void networkErrorIsRetriedThenFails() throws Exception {
        SlackEndpoint endpoint = webhook();
        slack.close();

        Outcome<SlackPost> delivery = send(endpoint);

        assertThat(delivery.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatus()).isEqualTo(Outcome.NO_STATUS);
        assertThat(delivery.error()).startsWith("network error: ");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(delivery.toString()).doesNotContain(WEBHOOK_PATH).doesNotContain("hookSecret123");
    }

    @Test
    void retryPolicyIsConfigurable() throws Exception {
        slack.answer(Answer.of(500, ""), Answer.of(500, ""), Answer.of(500, ""), Answer.webhookOk());
        SlackSender sender = new SlackSender(webhook(), client,
                new RetryPolicy(4, Duration.ofMillis(250), 3), sleeper);

        Outcome<SlackPost> delivery = sender.send(message).get(10, TimeUnit.SECONDS);

        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(750),
                Duration.ofMillis(2250));
    }

    @Test
    void waitsWithoutHoldingTheCaller() throws Exception {
        slack.answer(Answer.of(500, ""), Answer.webhookOk());
        CompletableFuture<Duration> asked = new CompletableFuture<>();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Sleeper manual = delay -> {
            asked.complete(delay);
            return gate;
        };
        SlackSender sender = new SlackSender(webhook(), client, EXACT, manual);

        CompletableFuture<Outcome<SlackPost>> delivery = sender.send(message);

        assertThat(asked.get(10, TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delivery).isNotDone();
        gate.complete(null);
        assertThat(delivery.get(10, TimeUnit.SECONDS).attempts()).isEqualTo(2);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetriedWhileTheCallerGoesOn() throws Exception {
        slack.answer(Answer.webhookOk().slowly(Duration.ofSeconds(5)), Answer.webhookOk());
        SlackSender sender = new SlackSender(webhook(), client, EXACT, sleeper, Duration.ofSeconds(1));

        CompletableFuture<Outcome<SlackPost>> delivery = sender.send(message);

        assertThat(delivery).isNotDone();
        Outcome<SlackPost> done = delivery.get(10, TimeUnit.SECONDS);
        assertThat(done.sent()).isTrue();
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
        assertThat(slack.received()).hasSize(2);
    }

    @Test
    void secretsEchoedBySlackAreMasked() throws Exception {
        String url = slack.url(WEBHOOK_PATH);
        slack.answer(Answer.of(404, "no_service: " + url + " (" + WEBHOOK_PATH + ")"),
                Answer.apiError("invalid_auth " + TOKEN));

        Outcome<SlackPost> webhookDelivery = send(webhook());
        Outcome<SlackPost> botDelivery = send(bot());

        assertThat(webhookDelivery.error()).isEqualTo("HTTP 404: no_service: *** (***)");
        assertThat(botDelivery.error()).isEqualTo("slack error: invalid_auth ***");
        assertThat(webhookDelivery.toString()).doesNotContain("hookSecret123");
        assertThat(botDelivery.toString()).doesNotContain("tokenSecret");
        assertThat(new SlackSender(webhook(), client, EXACT, sleeper).toString())
                .doesNotContain("hookSecret123");
        assertThat(new SlackSender(bot(), client, EXACT, sleeper).toString())
                .doesNotContain("tokenSecret");
    }

    private Outcome<SlackPost> send(SlackEndpoint endpoint) throws Exception {
        return new SlackSender(endpoint, client, EXACT, sleeper).send(message).get(10, TimeUnit.SECONDS);
    }

    private Received single() {
        List<Received> received = slack.received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private SlackEndpoint webhook() {
        return SlackEndpoint.webhook(slack.url(WEBHOOK_PATH));
    }

    private SlackEndpoint bot() {
        return SlackEndpoint.bot(TOKEN, slack.url("/api/"));
    }
}
