package dev.redflag.notify.slack;

import dev.redflag.notify.Http;
import dev.redflag.notify.RetryPolicy;
import dev.redflag.notify.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Posts messages to Slack without ever blocking the caller, which is a stream operator whose
 * thread must keep processing alerts while Slack is slow or down. Retries are bounded by a
 * {@link RetryPolicy} so that an outage costs seconds per message and not a growing backlog, and
 * waits go through a {@link Sleeper} so that no thread is held and tests do not spend them.
 * Every attempt sends the same bytes, {@link SlackMessage#toJson()} computed once. The returned
 * future never completes exceptionally: a failure is a {@link Delivery} with outcome FAILED
 * whose error has the endpoint's secrets masked.
 */
public final class SlackSender {

    /** How long one request may take, connecting included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SlackSender.class);

    private final SlackEndpoint endpoint;
    private final HttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Duration requestTimeout;

    public SlackSender(SlackEndpoint endpoint, HttpClient client, RetryPolicy policy, Sleeper sleeper) {
        this(endpoint, client, policy, sleeper, REQUEST_TIMEOUT);
    }

    /** @param requestTimeout how long one attempt may wait for its answer before it counts as a network error */
    public SlackSender(SlackEndpoint endpoint, HttpClient client, RetryPolicy policy, Sleeper sleeper,
                       Duration requestTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** A sender with its own HTTP client, the default retry policy and real waits. */
    public static SlackSender create(SlackEndpoint endpoint) {
        return new SlackSender(endpoint, Http.client(REQUEST_TIMEOUT), RetryPolicy.defaults(), Sleeper.system());
    }

    /** Posts a new message, or a thread reply when the message has a {@code threadTs}. */
    public CompletableFuture<Delivery> send(SlackMessage message) {
        Objects.requireNonNull(message, "message");
        return deliver(endpoint.postUri(), message::toJson);
    }

    /**
     * Replaces the message {@code ts} in channel {@code channelId} by {@code message} through
     * {@code chat.update}; bot tokens only, since a webhook post cannot be edited.
     */
    public CompletableFuture<Delivery> update(SlackMessage message, String channelId, String ts) {
        Objects.requireNonNull(message, "message");
        if (endpoint.isWebhook()) {
            throw new IllegalStateException("chat.update needs a bot token; webhook posts cannot be edited");
        }
        return deliver(endpoint.updateUri(), () -> message.toUpdateJson(channelId, ts));
    }

    private CompletableFuture<Delivery> deliver(URI uri, Supplier<String> json) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = request(uri, json.get());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    failed(1, Delivery.NO_STATUS, "cannot build request: " + e.getClass().getSimpleName(), start));
        }
        return attempt(request, 1, start).exceptionally(e -> failed(1, Delivery.NO_STATUS,
                redact("internal error: " + e), start));
    }

    private CompletableFuture<Delivery> attempt(HttpRequest request, int attempt, long start) {
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response
                .handle((r, e) -> e == null ? SlackAnswer.of(r, !endpoint.isWebhook()) : SlackAnswer.of(e))
                .thenCompose(answer -> next(request, attempt, start, answer));
    }

    private CompletableFuture<Delivery> next(HttpRequest request, int attempt, long start, SlackAnswer answer) {
        String error = redact(answer.error());
        switch (answer.verdict()) {
            case SENT:
                return CompletableFuture.completedFuture(new Delivery(Delivery.Outcome.SENT, attempt,
                        answer.status(), null, answer.ts(), answer.channel(), since(start)));
            case FINAL:
                LOG.warn("Slack message to {} failed for good after {} attempt(s): {}", endpoint, attempt, error);
                return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, start));
            default:
                if (attempt >= policy.maxAttempts()) {
                    LOG.warn("Slack message to {} failed after {} attempt(s), giving up: {}", endpoint, attempt, error);
                    return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, start));
                }
                Duration wait = answer.retryAfter() != null ? answer.retryAfter() : policy.backoff(attempt);
                LOG.info("Slack message to {} failed (attempt {}): {}; retrying in {}", endpoint, attempt, error, wait);
                return sleeper.sleep(wait).toCompletableFuture()
                        .thenCompose(ignored -> attempt(request, attempt + 1, start));
        }
    }

    private HttpRequest request(URI uri, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (!endpoint.isWebhook()) {
            builder.header("Authorization", "Bearer " + endpoint.botToken());
        }
        return builder.build();
    }

    private Delivery failed(int attempts, int status, String error, long start) {
        return new Delivery(Delivery.Outcome.FAILED, attempts, status, error, null, null, since(start));
    }

    private String redact(String text) {
        return endpoint.redact(text);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "SlackSender[" + endpoint + ", " + policy + "]";
    }
}
