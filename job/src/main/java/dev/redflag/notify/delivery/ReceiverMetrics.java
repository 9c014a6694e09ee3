package dev.redflag.notify.delivery;

import dev.redflag.metrics.NotificationMetrics;

import java.time.Duration;

/**
 * The delivery metrics of one receiver of one integration, counted alike by every receiver:
 * requests per delivery, per notification its final outcome ({@code sent} or {@code failed})
 * and its latency from hand-over, and what it has not taken yet.
 */
public record ReceiverMetrics(NotificationMetrics metrics, String integration, String receiver) {

    /** The receiver's series at 0 from the start: its attempts, its latency and these outcomes. */
    public void expect(String... outcomes) {
        metrics.expect(integration, receiver, outcomes);
        metrics.backlog(integration, receiver);
    }

    /**
     * What the receiver has not taken yet: notifications waiting or out, when the oldest was
     * handed over (epoch milliseconds), and tries that failed since it last took one.
     */
    public void backlog(int pending, long oldestSince, int consecutiveFailures) {
        metrics.backlog(integration, receiver).set(pending, oldestSince, consecutiveFailures);
    }

    /** The requests one delivery made, retries included. */
    public void attempts(int attempts) {
        metrics.attempts(integration, receiver, attempts);
    }

    /** The final outcome of one notification a delivery carried, and how long it took since hand-over. */
    public void delivered(boolean sent, Duration sinceHandOver) {
        outcome(sent ? "sent" : "failed");
        metrics.latency(integration, receiver, sinceHandOver);
    }

    /** One more notification with this outcome. */
    public void outcome(String outcome) {
        metrics.outcome(integration, receiver, outcome);
    }
}
