package dev.redflag.notify.slack;

import dev.redflag.notify.delivery.HttpDelivery;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Posts messages to Slack through the shared {@link HttpDelivery} (bounded retries with backoff
 * and jitter, {@code Retry-After} honoured, never blocking the caller), reading Slack's answers
 * with {@link SlackAnswer}. Every attempt sends the same bytes, {@link SlackMessage#toJson()}
 * computed once. The returned future never completes exceptionally: a failure is an
 * {@link Outcome} FAILED whose error has the endpoint's secrets masked; a post Slack took carries
 * where it went ({@link SlackPost}).
 */
public final class SlackSender {

    /** How long one request may take, connecting included. */
    public static final Duration REQUEST_TIMEOUT = HttpDelivery.REQUEST_TIMEOUT;

    private final SlackEndpoint endpoint;
    private final HttpDelivery delivery;

    public SlackSender(SlackEndpoint endpoint, HttpDelivery delivery) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    public SlackSender(SlackEndpoint endpoint, HttpClient client, RetryPolicy policy, Sleeper sleeper) {
        this(endpoint, client, policy, sleeper, REQUEST_TIMEOUT);
    }

    /** @param requestTimeout how long one attempt may wait for its answer before it counts as a network error */
    public SlackSender(SlackEndpoint endpoint, HttpClient client, RetryPolicy policy, Sleeper sleeper,
                       Duration requestTimeout) {
        this(endpoint, new HttpDelivery(client, policy, sleeper, new Random(), requestTimeout));
    }

    /** A sender with its own HTTP client, the default retry policy and real waits. */
    public static SlackSender create(SlackEndpoint endpoint) {
        return new SlackSender(endpoint, HttpDelivery.create(RetryPolicy.defaults()));
    }

    /** Posts a new message, or a thread reply when the message has a {@code threadTs}. */
    public CompletableFuture<Outcome<SlackPost>> send(SlackMessage message) {
        Objects.requireNonNull(message, "message");
        return deliver(endpoint.postUri(), message::toJson);
    }

    /**
     * Replaces the message {@code ts} in channel {@code channelId} by {@code message} through
     * {@code chat.update}; bot tokens only, since a webhook post cannot be edited.
     */
    public CompletableFuture<Outcome<SlackPost>> update(SlackMessage message, String channelId, String ts) {
        Objects.requireNonNull(message, "message");
        if (endpoint.isWebhook()) {
            throw new IllegalStateException("chat.update needs a bot token; webhook posts cannot be edited");
        }
        return deliver(endpoint.updateUri(), () -> message.toUpdateJson(channelId, ts));
    }

    private CompletableFuture<Outcome<SlackPost>> deliver(URI uri, Supplier<String> json) {
        boolean botApi = !endpoint.isWebhook();
        return delivery.send("Slack message to " + endpoint, () -> request(uri, json.get()),
                response -> SlackAnswer.of(response, botApi), endpoint::redact);
    }

    private HttpRequest request(URI uri, String json) {
        HttpRequest.Builder builder = delivery.post(uri, "application/json; charset=utf-8", json);
        if (!endpoint.isWebhook()) {
            builder.header("Authorization", "Bearer " + endpoint.botToken());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "SlackSender[" + endpoint + ", " + delivery + "]";
    }
}
