package dev.redflag.notify.alertmanager;

import dev.redflag.notify.Http;
import dev.redflag.notify.RetryPolicy;
import dev.redflag.notify.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Posts alerts to Alertmanager's {@code /api/v2/alerts} without ever blocking the caller, a sink
 * writer whose task thread must keep taking alerts while an Alertmanager is slow or down. Retries
 * are bounded by a {@link RetryPolicy}: what cannot be posted within a few seconds is better left
 * to the next resend (a firing alert) or to Alertmanager's own expiry (a resolved one, whose
 * firing {@code endsAt} runs out) than queued without end. Waits go through a {@link Sleeper}, so
 * no thread is held and tests do not spend them. Every attempt sends the same bytes. The returned
 * future never completes exceptionally: a failure is an {@link Outcome} FAILED whose error, like
 * every log line here, has the URL's user-info and query masked.
 */
public final class AlertmanagerClient {

    /** How long one request may take, connecting included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerClient.class);

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public AlertmanagerClient(HttpClient client, RetryPolicy policy, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A client with its own HTTP client and real waits. */
    public static AlertmanagerClient create(RetryPolicy policy) {
        return new AlertmanagerClient(Http.client(REQUEST_TIMEOUT), policy, Sleeper.system());
    }

    /** Posts {@code alertsJson}, a JSON array of postable alerts, to {@code alertmanager}. */
    public CompletableFuture<Outcome> post(AlertmanagerUrl alertmanager, String alertsJson) {
        Objects.requireNonNull(alertmanager, "alertmanager");
        Objects.requireNonNull(alertsJson, "alertsJson");
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = request(alertmanager, alertsJson);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(1, Outcome.NO_STATUS,
                    "cannot build request: " + e.getClass().getSimpleName(), start));
        }
        return attempt(alertmanager, request, 1, start).exceptionally(e -> failed(1, Outcome.NO_STATUS,
                alertmanager.redact("internal error: " + e), start));
    }

    private CompletableFuture<Outcome> attempt(AlertmanagerUrl alertmanager, HttpRequest request, int attempt,
                                               long start) {
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response
                .handle((r, e) -> e == null ? AlertmanagerAnswer.of(r) : AlertmanagerAnswer.of(e))
                .thenCompose(answer -> next(alertmanager, request, attempt, start, answer));
    }

    private CompletableFuture<Outcome> next(AlertmanagerUrl alertmanager, HttpRequest request, int attempt,
                                            long start, AlertmanagerAnswer answer) {
        String error = alertmanager.redact(answer.error());
        switch (answer.verdict()) {
            case SENT:
                return CompletableFuture.completedFuture(
                        new Outcome(Outcome.Result.SENT, attempt, answer.status(), null, since(start)));
            case FINAL:
                LOG.warn("Alerts to Alertmanager {} failed for good after {} attempt(s): {}", alertmanager, attempt,
                        error);
                return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, start));
            default:
                if (attempt >= policy.maxAttempts()) {
                    LOG.warn("Alerts to Alertmanager {} failed after {} attempt(s), giving up: {}", alertmanager,
                            attempt, error);
                    return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, start));
                }
                Duration wait = policy.backoff(attempt);
                LOG.info("Alerts to Alertmanager {} failed (attempt {}): {}; retrying in {}", alertmanager, attempt,
                        error, wait);
                return sleeper.sleep(wait).toCompletableFuture()
                        .thenCompose(ignored -> attempt(alertmanager, request, attempt + 1, start));
        }
    }

    private static HttpRequest request(AlertmanagerUrl alertmanager, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(alertmanager.alertsUri())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        alertmanager.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static Outcome failed(int attempts, int status, String error, long start) {
        return new Outcome(Outcome.Result.FAILED, attempts, status, error, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "AlertmanagerClient[" + policy + "]";
    }
}
