package dev.redflag.notify.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one message, kept as a value rather than an exception so that a failed
 * notification is counted and logged like a sent one and never breaks the pipeline that sent it.
 *
 * @param outcome    whether Slack took the message
 * @param attempts   requests made, at least 1
 * @param lastStatus HTTP status of the last answer; {@link #NO_STATUS} when the last attempt got none
 *                   (network error, timeout)
 * @param error      why the last attempt failed, null when sent; never holds the webhook URL or token
 * @param ts         the message's {@code ts} from a bot API answer (for thread replies and
 *                   {@code chat.update}); null for webhooks and failures
 * @param channel    the channel id from a bot API answer ({@code chat.update} needs the id, not
 *                   the name); null for webhooks and failures
 * @param latency    from {@code send} to the outcome, waits between attempts included
 */
public record Delivery(Outcome outcome, int attempts, int lastStatus, String error, String ts, String channel,
                       Duration latency) {

    /** {@link #lastStatus} when no HTTP answer came. */
    public static final int NO_STATUS = 0;

    public enum Outcome { SENT, FAILED }

    public Delivery {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    public boolean sent() {
        return outcome == Outcome.SENT;
    }
}
