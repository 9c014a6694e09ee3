package dev.redflag.notify.alertmanager;

import dev.redflag.notify.delivery.Answer;
import dev.redflag.notify.delivery.HttpDelivery;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Posts alerts to Alertmanager's {@code /api/v2/alerts} through the shared {@link HttpDelivery},
 * never blocking the caller, a sink writer whose task thread must keep taking alerts while an
 * Alertmanager is slow or down. Retries are bounded: what cannot be posted within a few seconds is
 * better left to the next resend (a firing alert) or to Alertmanager's own expiry (a resolved one,
 * whose firing {@code endsAt} runs out) than queued without end. Answers read as HTTP statuses do
 * ({@link Answer#ofStatus}): 2xx is taken; 5xx, 429 and network errors are retried; any other
 * status (400 for an alert Alertmanager finds invalid, 401, 404 for a wrong path prefix) will not
 * get better by asking again. Alertmanager stores the valid alerts of a post even when it answers
 * 400 for others, so a 400 loses only those. Every attempt sends the same bytes; errors and log
 * lines have the URL's user-info and query masked.
 */
public final class AlertmanagerClient {

    /** How long one request may take, connecting included. */
    public static final Duration REQUEST_TIMEOUT = HttpDelivery.REQUEST_TIMEOUT;

    private final HttpDelivery delivery;

    public AlertmanagerClient(HttpDelivery delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    public AlertmanagerClient(HttpClient client, RetryPolicy policy, Sleeper sleeper) {
        this(new HttpDelivery(client, policy, sleeper, new Random(), REQUEST_TIMEOUT));
    }

    /** A client with its own HTTP client and real waits. */
    public static AlertmanagerClient create(RetryPolicy policy) {
        return new AlertmanagerClient(HttpDelivery.create(policy));
    }

    /** Posts {@code alertsJson}, a JSON array of postable alerts, to {@code alertmanager}. */
    public CompletableFuture<Outcome<Void>> post(AlertmanagerUrl alertmanager, String alertsJson) {
        Objects.requireNonNull(alertmanager, "alertmanager");
        Objects.requireNonNull(alertsJson, "alertsJson");
        return delivery.send("Alerts to Alertmanager " + alertmanager, () -> request(alertmanager, alertsJson),
                Answer::ofStatus, alertmanager::redact);
    }

    private HttpRequest request(AlertmanagerUrl alertmanager, String json) {
        HttpRequest.Builder builder = delivery.post(alertmanager.alertsUri(), "application/json", json);
        alertmanager.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    @Override
    public String toString() {
        return "AlertmanagerClient[" + delivery + "]";
    }
}
