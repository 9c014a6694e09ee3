package dev.redflag.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What became of notifications, per integration ({@code slack}, {@code alertmanager}) and
 * receiver: {@code redflag_notifications_total{integration,receiver,outcome}} counts messages by
 * final outcome ({@code sent}, {@code failed}, {@code resent} for a Slack message sent again after a restore),
 * {@code redflag_notification_attempts_total{integration,receiver}} counts requests, retries
 * included, and {@code redflag_notification_latency_seconds{integration,receiver}} is a histogram
 * from hand-over to outcome, waits between attempts included; {@link #backlog} gives the gauges of
 * what a receiver has not taken yet. Receivers are names from the
 * routing file, so the series count is bounded by configuration, not by data; the sinks
 * {@link #expect} each receiver they deliver to, so its series exist at 0 from the start.
 */
public final class NotificationMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> attempts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> latencies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReceiverBacklog> backlogs = new ConcurrentHashMap<>();

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The series of a receiver, at 0 if new: its attempts, its latency and these outcomes. */
    public void expect(String integration, String receiver, String... outcomes) {
        for (String outcome : outcomes) {
            outcome(integration, receiver, outcome, 0);
        }
        attempts(integration, receiver, 0);
        latencyTimer(integration, receiver);
    }

    /** The backlog gauges of a receiver ({@link ReceiverBacklog}), registered at 0 on first use. */
    public ReceiverBacklog backlog(String integration, String receiver) {
        return backlogs.computeIfAbsent(integration + '\u001f' + receiver,
                k -> new ReceiverBacklog(registry, InstantSource.system(), integration, receiver));
    }

    public void outcome(String integration, String receiver, String outcome) {
        outcome(integration, receiver, outcome, 1);
    }

    private void outcome(String integration, String receiver, String outcome, int count) {
        outcomes.computeIfAbsent(integration + '\u001f' + receiver + '\u001f' + outcome, k -> Counter
                .builder("redflag_notifications")
                .description("Notifications by integration, receiver and final outcome")
                .tag("integration", integration).tag("receiver", receiver).tag("outcome", outcome)
                .register(registry)).increment(count);
    }

    public void attempts(String integration, String receiver, int count) {
        attempts.computeIfAbsent(integration + '\u001f' + receiver, k -> Counter
                .builder("redflag_notification_attempts")
                .description("Requests made to deliver notifications, retries included")
                .tag("integration", integration).tag("receiver", receiver)
                .register(registry)).increment(count);
    }

    public void latency(String integration, String receiver, Duration latency) {
        latencyTimer(integration, receiver).record(latency);
    }

    private Timer latencyTimer(String integration, String receiver) {
        return latencies.computeIfAbsent(integration + '\u001f' + receiver, k -> Timer
                .builder("redflag_notification_latency")
                .description("From hand-over to the outcome of a notification, retries included")
                .tag("integration", integration).tag("receiver", receiver)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
    }
}
