package dev.redflag.notify.alertmanager;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one post to one Alertmanager, kept as a value rather than an exception so that a
 * failed post is counted and logged like a sent one and never breaks the sink that made it.
 *
 * @param result     whether Alertmanager took the alerts
 * @param attempts   requests made, at least 1
 * @param lastStatus HTTP status of the last answer; {@link #NO_STATUS} when the last attempt got none
 *                   (network error, timeout)
 * @param error      why the last attempt failed, null when sent; never holds the URL's user-info or query
 * @param latency    from {@code post} to the outcome, waits between attempts included
 */
public record Outcome(Result result, int attempts, int lastStatus, String error, Duration latency) {

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
