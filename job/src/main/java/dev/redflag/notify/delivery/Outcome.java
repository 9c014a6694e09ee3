package dev.redflag.notify.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one delivery, kept as a value rather than an exception so that a failed
 * notification is counted and logged like a sent one and never breaks the sink that made it.
 *
 * @param result     whether the service took it
 * @param attempts   requests made, at least 1
 * @param lastStatus HTTP status of the last answer; {@link #NO_STATUS} when the last attempt got none
 *                   (network error, timeout)
 * @param error      why the last attempt failed, null when sent; never holds a secret of the endpoint
 * @param value      what the service's answer carried ({@link Answer#value()}); null when failed
 * @param latency    from the hand-over to the outcome, waits between attempts included
 * @param retryable  failed, but only because the policy ran out: the last answer was worth a retry,
 *                   so a later try (at the next group interval, say) may succeed
 */
public record Outcome<T>(Result result, int attempts, int lastStatus, String error, T value, Duration latency,
                         boolean retryable) {

    /** {@link #lastStatus} when no HTTP answer came. */
    public static final int NO_STATUS = 0;

    public enum Result { SENT, FAILED }

    public Outcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(latency, "latency");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    public boolean sent() {
        return result == Result.SENT;
    }
}
