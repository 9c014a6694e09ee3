package dev.redflag.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.InstantSource;

/**
 * How far behind one receiver of one integration is, as gauges a health alert can read:
 * {@code redflag_notifications_pending{integration,receiver}} (notifications handed over and not
 * yet taken or refused), {@code redflag_notifications_oldest_pending_seconds} (how long the oldest
 * of them has waited, 0 for none; computed at each scrape, so it grows while the receiver is down
 * and nothing else happens) and {@code redflag_notification_consecutive_failures} (tries that
 * failed since the receiver last took one). The sink that delivers sets them after every change;
 * one holder per receiver and hub, so that a restarted sink sets the same series.
 */
public final class ReceiverBacklog {

    private final InstantSource clock;
    private volatile int pending;
    private volatile long oldestSince;
    private volatile int consecutiveFailures;

    ReceiverBacklog(MeterRegistry registry, InstantSource clock, String integration, String receiver) {
        this.clock = clock;
        Gauge.builder("redflag_notifications_pending", this, b -> b.pending)
                .description("Notifications handed to a receiver and not yet taken or refused")
                .tag("integration", integration).tag("receiver", receiver)
                .strongReference(true).register(registry);
        Gauge.builder("redflag_notifications_oldest_pending", this, ReceiverBacklog::oldestAgeSeconds)
                .description("How long the oldest notification not yet taken by a receiver has waited; 0 for none")
                .baseUnit("seconds")
                .tag("integration", integration).tag("receiver", receiver)
                .strongReference(true).register(registry);
        Gauge.builder("redflag_notification_consecutive_failures", this, b -> b.consecutiveFailures)
                .description("Tries that failed since the receiver last took a notification")
                .tag("integration", integration).tag("receiver", receiver)
                .strongReference(true).register(registry);
    }

    /**
     * @param oldestSince epoch milliseconds of the oldest hand-over still waiting; ignored when none waits
     */
    public void set(int pending, long oldestSince, int consecutiveFailures) {
        this.oldestSince = oldestSince;
        this.consecutiveFailures = consecutiveFailures;
        this.pending = pending;
    }

    private double oldestAgeSeconds() {
        int n = pending;
        return n == 0 ? 0 : Math.max(0, clock.millis() - oldestSince) / 1000.0;
    }
}
