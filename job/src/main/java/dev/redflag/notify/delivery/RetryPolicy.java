package dev.redflag.notify.delivery;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a notification may keep trying: bounded, so that an outage of Slack or Alertmanager
 * delays alerts by at most a few seconds per message instead of piling up retries; backing off, so
 * that a struggling service is not hammered; and spread by jitter, so that the retries of many
 * notifications that failed together (one outage, one restore) do not all arrive together again.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param baseDelay   the wait after the first failed attempt, before jitter
 * @param factor      how much each further wait grows; at least 1
 * @param jitter      how far a wait may stray from its nominal value, as a fraction of it: a wait
 *                    is drawn uniformly from {@code nominal * [1 - jitter, 1 + jitter)}; 0 to 1
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, double factor, double jitter) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** The spread of {@link #defaults()}: waits of 0.8 to 1.2 s, then 1.6 to 2.4 s. */
    public static final double DEFAULT_JITTER = 0.2;

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
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** Without jitter: every wait is exactly its nominal value. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, double factor) {
        this(maxAttempts, baseDelay, factor, 0);
    }

    /** Three attempts, waiting about 1 s and then about 2 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), 2, DEFAULT_JITTER);
    }

    /** One attempt, no retry. */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, 1);
    }

    /** The same attempts and nominal waits, without the spread. */
    public RetryPolicy withoutJitter() {
        return new RetryPolicy(maxAttempts, baseDelay, factor, 0);
    }

    /** The nominal wait after failed attempt {@code attempt} (1-based): {@code baseDelay * factor^(attempt-1)}. */
    public Duration backoff(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
        double nanos = baseDelay.toNanos() * Math.pow(factor, attempt - 1);
        return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.round(nanos));
    }

    /** The wait after failed attempt {@code attempt}: its {@link #backoff nominal value}, spread by the jitter. */
    public Duration backoff(int attempt, RandomGenerator random) {
        Duration nominal = backoff(attempt);
        if (jitter == 0 || nominal.isZero()) {
            return nominal;
        }
        double spread = 1 + jitter * random.nextDouble(-1, 1);
        // Math.round saturates at Long.MAX_VALUE, so a huge nominal wait stays the longest one
        return Duration.ofNanos(Math.round(nominal.toNanos() * spread));
    }
}
