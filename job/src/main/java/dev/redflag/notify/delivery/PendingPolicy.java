package dev.redflag.notify.delivery;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the notices of one route wait while their receiver is down.
 *
 * @param groupInterval       the route's {@code group_interval}: the longest wait between two tries,
 *                            as Alertmanager retries a notification until the group's next flush
 * @param sendEveryTransition the route's {@code send_every_transition}: every notice of a group is
 *                            kept and sent in order; otherwise a newer one replaces one still waiting
 */
public record PendingPolicy(Duration groupInterval, boolean sendEveryTransition) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Alertmanager's default group interval, latest state only: for groups of no known route. */
    public static final PendingPolicy DEFAULT = new PendingPolicy(Duration.ofMinutes(5), false);

    public PendingPolicy {
        Objects.requireNonNull(groupInterval, "groupInterval");
        if (groupInterval.isNegative() || groupInterval.isZero()) {
            throw new IllegalArgumentException("groupInterval must be more than 0: " + groupInterval);
        }
    }
}
