package dev.redflag.notify;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a notification may keep trying: bounded, so that an outage of Slack delays alerts
 * by at most a few seconds per message instead of piling up retries, and backing off, so that
 * a struggling Slack is not hammered.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param baseDelay   the wait after the first failed attempt
 * @param factor      how much each further wait grows; at least 1
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, double factor) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;


    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative: " + baseDelay);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a finite number of at least 1: " + factor);
        }
    }

    /** Three attempts, waiting 1 s and then 2 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), 2);
    }

    /** One attempt, no retry. */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, 1);
    }

    /** The wait after failed attempt {@code attempt} (1-based): {@code baseDelay * factor^(attempt-1)}. */
    public Duration backoff(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
        double nanos = baseDelay.toNanos() * Math.pow(factor, attempt - 1);
        return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.round(nanos));
    }
}
