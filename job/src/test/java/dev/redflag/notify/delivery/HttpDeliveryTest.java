package dev.redflag.notify.delivery;

import dev.redflag.metrics.NotificationMetrics;
import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.HttpStandIn.Received;
import dev.redflag.testing.HttpStandIn.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery Slack and Alertmanager share, against a real HTTP server playing scripted answers:
 * the exact waits between attempts (nominal backoff, the jitter a seeded random draws, a
 * {@code Retry-After}), when it gives up, and what it counts.
 */
class HttpDeliveryTest {

    private static final String BODY = "{\"text\":\"hello\"}";

    private final Deque<Reply> script = new ArrayDeque<>();
    private final HttpStandIn service = HttpStandIn.start(Executors.newCachedThreadPool(), this::next);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        service.close();
    }

    private synchronized HttpStandIn.Pending next(Received request) {
        Reply reply = script.isEmpty() ? new Reply(200, Map.of(), "ok") : script.poll();
        return () -> {
            String delay = reply.headers().get("X-Delay-Millis");
            if (delay != null) {
                Thread.sleep(Long.parseLong(delay)); // the slowness is what is being played
            }
            return reply;
        };
    }

    private synchronized void answer(Reply... replies) {
        script.addAll(List.of(replies));
    }

    private static Reply status(int status) {
        return new Reply(status, Map.of(), "status " + status);
    }

    private Outcome<String> send(HttpDelivery delivery) throws Exception {
        return delivery.send("Test message to the stand-in",
                () -> delivery.post(URI.create(service.url("/hook/s3cret")), "application/json", BODY).build(),
                response -> {
                    Answer<String> answer = Answer.ofStatus(response);
                    return answer.verdict() == Answer.Verdict.SENT ? Answer.sent(answer.status(), response.body())
                            : answer;
                },
                text -> text.replace("s3cret", "***")).get(30, TimeUnit.SECONDS);
    }

    private HttpDelivery delivery(RetryPolicy policy, Random random) {
        return new HttpDelivery(client, policy, sleeper, random, HttpDelivery.REQUEST_TIMEOUT);
    }

    @Test
    void sentAtTheFirstAttemptCarriesTheAnswer() throws Exception {
        Outcome<String> outcome = send(delivery(RetryPolicy.defaults(), new Random(1)));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.SENT);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.lastStatus()).isEqualTo(200);
        assertThat(outcome.value()).isEqualTo("ok");
        assertThat(outcome.error()).isNull();
        assertThat(outcome.retryable()).isFalse();
        assertThat(sleeper.delays()).isEmpty();
        assertThat(service.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hook/s3cret");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.body()).isEqualTo(BODY);
        });
    }

    @Test
    void backsOffExponentiallyWithoutJitter() throws Exception {
        answer(status(500), status(502), status(503));

        Outcome<String> outcome = send(delivery(new RetryPolicy(4, Duration.ofMillis(250), 3), new Random(1)));

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(750),
                Duration.ofMillis(2250));
        assertThat(service.received()).extracting(Received::body).containsExactly(BODY, BODY, BODY, BODY);
    }

    @Test
    void jitterDrawsEachWaitFromTheSeededRandomWithinItsBounds() throws Exception {
        answer(status(500), status(500), status(500), status(500));
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2, 0.2);

        send(delivery(policy, new Random(42)));

        // the same seed draws the same waits, in order
        Random replay = new Random(42);
        List<Duration> expected = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            expected.add(policy.backoff(attempt, replay));
        }
        assertThat(sleeper.delays()).containsExactlyElementsOf(expected);
        for (int attempt = 1; attempt <= 4; attempt++) {
            long nominal = policy.backoff(attempt).toMillis();
            assertThat(sleeper.delays().get(attempt - 1).toMillis()).as("wait after attempt %d", attempt)
                    .isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2))
                    .isNotEqualTo(nominal);
        }
    }

    @Test
    void jitterStaysWithinItsBoundsOverManyDraws() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), 2, 0.2);
        Random random = new Random(7);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long nanos = policy.backoff(2, random).toNanos();
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }

        assertThat(min).isGreaterThanOrEqualTo(Duration.ofMillis(1600).toNanos()).isLessThan(Duration.ofMillis(1610).toNanos());
        assertThat(max).isLessThanOrEqualTo(Duration.ofMillis(2400).toNanos()).isGreaterThan(Duration.ofMillis(2390).toNanos());
    }

    @Test
    void retryAfterIsWaitedExactlyEvenWithJitter() throws Exception {
        answer(new Reply(429, Map.of("Retry-After", "7"), "slow down"), new Reply(503, Map.of("Retry-After", "2"), ""));

        Outcome<String> outcome = send(delivery(RetryPolicy.defaults(), new Random(3)));

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    }

    @Test
    void givesUpWhenThePolicyRunsOutAndSaysALaterTryMaySucceed() throws Exception {
        answer(status(500), status(502), status(503), status(200));

        Outcome<String> outcome = send(delivery(RetryPolicy.defaults().withoutJitter(), new Random(1)));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.lastStatus()).isEqualTo(503);
        assertThat(outcome.error()).isEqualTo("HTTP 503: status 503");
        assertThat(outcome.value()).isNull();
        assertThat(outcome.retryable()).isTrue();
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(service.received()).hasSize(3);
    }

    @Test
    void aRefusalIsFinalAndNotWorthALaterTry() throws Exception {
        answer(status(400));

        Outcome<String> outcome = send(delivery(RetryPolicy.defaults(), new Random(1)));

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.retryable()).isFalse();
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aTimedOutAttemptIsANetworkErrorAndIsRetried() throws Exception {
        answer(new Reply(200, Map.of("X-Delay-Millis", "3000"), "late"));
        HttpDelivery delivery = new HttpDelivery(client, RetryPolicy.defaults().withoutJitter(), sleeper,
                new Random(1), Duration.ofMillis(300));

        Outcome<String> outcome = send(delivery);

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.value()).isEqualTo("ok");
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void networkErrorsAreRetriedAndRedacted() throws Exception {
        HttpDelivery delivery = delivery(RetryPolicy.defaults().withoutJitter(), new Random(1));
        service.close();

        Outcome<String> outcome = send(delivery);

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.lastStatus()).isEqualTo(Outcome.NO_STATUS);
        assertThat(outcome.error()).startsWith("network error: ").doesNotContain("s3cret");
        assertThat(outcome.retryable()).isTrue();
    }

    @Test
    void aRequestThatCannotBeBuiltFailsWithoutAnAttempt() throws Exception {
        HttpDelivery delivery = delivery(RetryPolicy.defaults(), new Random(1));

        Outcome<String> outcome = delivery.<String>send("Broken", () -> {
            throw new IllegalArgumentException("bad URI s3cret");
        }, Answer::ofStatus, text -> text).get(5, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.error()).isEqualTo("cannot build request: IllegalArgumentException");
        assertThat(service.received()).isEmpty();
    }

    @Test
    void receiverMetricsCountAttemptsAndOutcomes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReceiverMetrics metrics = new ReceiverMetrics(new NotificationMetrics(registry), "slack", "web");
        metrics.expect("sent", "failed", "resent");
        answer(status(500), status(200), status(400));
        HttpDelivery delivery = delivery(RetryPolicy.defaults(), new Random(1));

        for (int i = 0; i < 2; i++) {
            Outcome<String> outcome = send(delivery);
            metrics.attempts(outcome.attempts());
            metrics.delivered(outcome.sent(), outcome.latency());
        }

        assertThat(registry.get("redflag_notifications").tags("integration", "slack", "receiver", "web",
                "outcome", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("redflag_notifications").tags("receiver", "web", "outcome", "failed").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("redflag_notifications").tags("receiver", "web", "outcome", "resent").counter()
                .count()).isZero();
        assertThat(registry.get("redflag_notification_attempts").tags("integration", "slack", "receiver", "web")
                .counter().count()).isEqualTo(3);
        assertThat(registry.get("redflag_notification_latency").tags("receiver", "web").timer().count())
                .isEqualTo(2);
    }
}
