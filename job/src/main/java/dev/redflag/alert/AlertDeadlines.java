package dev.redflag.alert;

import java.time.Duration;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;

/**
 * The next instant at which time alone, with no new value, changes an alert: what the live
 * operators set timers for, and where {@link SeriesStep} stops when it catches up before a value
 * (a timer that has not fired yet, a replay that jumps from value to value), or a keep_firing_for
 * or an absent alert would change at the next value instead of when it is due. One definition for
 * all of them, so live, backtest and rule tests agree.
 *
 * <p>The instants, for an alert in state {@code s} after a value (or the stream's last value)
 * ending at {@code lastEnd}:
 * <ul>
 *   <li>absent rules: {@code lastEnd + absent}, the moment the data counts as missing;</li>
 *   <li>absent rules pending because of {@code for}: {@code activeSince + for}, when the pending
 *       alert fires (no value arrives to move it on);</li>
 *   <li>a firing alert that no longer holds: {@code lastActiveAt + keep_firing_for} (or the flap
 *       hold when flapping), when it resolves.</li>
 * </ul>
 * Only instants after the state's last update count; {@link Long#MAX_VALUE} when none is left.
 */
public final class AlertDeadlines {

    /** A series without a value for this many of its windows is gone. */
    public static final int STALE_WINDOWS = 2;
    /**
     * ... unless a rule pools its windows ({@code window: auto}): a quiet series that reports a few
     * hours a day is then judged over days, and is gone only after a day without a value.
     */
    public static final Duration POOLED_STALE = Duration.ofDays(1);

    private AlertDeadlines() {
    }

    /**
     * @param windowMillis the series' window length; 0 for stream-wide alerts, which do not go stale
     */
    public static long next(Rule rule, AlertState state, long lastEnd, long windowMillis, AlertLifecycle lifecycle) {
        AlertState s = state == null ? AlertState.initial() : state;
        long after = Math.max(lastEnd, s.updatedAt());
        long next = Long.MAX_VALUE;
        if (rule.condition() instanceof Condition.Absent absent) {
            next = earliest(next, lastEnd + absent.duration().toMillis(), after);
            if (s.phase() == AlertState.Phase.PENDING && s.activeSince() != AlertState.NO_TIME) {
                next = earliest(next, s.activeSince() + rule.pendingFor().toMillis(), after);
            }
        }
        if (s.isFiring() && !s.holding() && s.lastActiveAt() != AlertState.NO_TIME) {
            long hold = rule.keepFiringFor().toMillis();
            if (s.flapping()) {
                hold = Math.max(hold, lifecycle.flapPolicy().window().toMillis());
            }
            next = earliest(next, s.lastActiveAt() + hold, after);
        }
        if (s.isFiring() && windowMillis > 0 && !(rule.condition() instanceof Condition.Absent)) {
            next = earliest(next, staleAt(rule, lastEnd, windowMillis), after);
        }
        return next;
    }

    /** When a series whose last value ended at {@code lastEnd} counts as gone for {@code rule}. */
    public static long staleAt(Rule rule, long lastEnd, long windowMillis) {
        return lastEnd + staleAfter(rule, windowMillis);
    }

    /** How long a series may go without a value before {@code rule} counts it as gone. */
    public static long staleAfter(Rule rule, long windowMillis) {
        long windows = STALE_WINDOWS * windowMillis;
        return pools(rule.condition()) ? Math.max(windows, POOLED_STALE.toMillis()) : windows;
    }

    private static boolean pools(Condition c) {
        if (c instanceof Condition.Shift s) {
            return s.scan();
        }
        if (c instanceof Condition.All all) {
            return all.conditions().stream().anyMatch(AlertDeadlines::pools);
        }
        if (c instanceof Condition.Any any) {
            return any.conditions().stream().anyMatch(AlertDeadlines::pools);
        }
        return false;
    }

    private static long earliest(long current, long candidate, long after) {
        return candidate > after && candidate < current ? candidate : current;
    }
}
