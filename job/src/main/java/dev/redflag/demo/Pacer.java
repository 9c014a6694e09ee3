package dev.redflag.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * When to release each simulated minute. The demo starts its simulation hours in the past and
 * fast-forwards through them so that incidents and their alerts show up within minutes; once the
 * simulated clock has caught up with the wall clock it continues in real time, because the job
 * treats events from the future as broken. All methods take the wall time as a parameter, so
 * pacing is a pure calculation that tests can check without sleeping.
 *
 * <p>A simulated instant {@code t} may be released at
 * {@code max(realStart + (t − simulationStart) / speed, t)}: the fast-forward schedule, but never
 * before {@code t} itself has happened on the wall clock.
 */
public final class Pacer {

    private final double speed;
    private final Instant simulationStart;
    private final Instant realStart;

    /**
     * @param speed           simulated seconds per real second while fast-forwarding, e.g. 360 for
     *                        one simulated hour every 10 real seconds; must be positive
     * @param simulationStart the simulated instant the run starts at
     * @param realStart       the wall time the run started
     */
    public Pacer(double speed, Instant simulationStart, Instant realStart) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.speed = speed;
        this.simulationStart = Objects.requireNonNull(simulationStart, "simulationStart");
        this.realStart = Objects.requireNonNull(realStart, "realStart");
    }

    /**
     * A simulation start {@code lookback} before {@code wallNow}, on a whole minute, e.g.
     * {@code startBehind(now, Incidents.SCRIPT_LENGTH.plusHours(1))} to replay the whole script.
     */
    public static Instant startBehind(Instant wallNow, Duration lookback) {
        return wallNow.truncatedTo(ChronoUnit.MINUTES).minus(lookback);
    }

    /** The wall time at which every event before {@code simulatedUntil} may have been emitted. */
    public Instant releaseAt(Instant simulatedUntil) {
        long simulatedNanos = Duration.between(simulationStart, simulatedUntil).toNanos();
        Instant fast = realStart.plusNanos((long) Math.ceil(simulatedNanos / speed));
        return fast.isAfter(simulatedUntil) ? fast : simulatedUntil;
    }

    /**
     * How long to wait at {@code wallNow} before emitting the minute that starts at
     * {@code minuteStart} (so that all of it lies in the past at real-time pace); zero when it
     * is due already.
     */
    public Duration delayBeforeMinute(Instant minuteStart, Instant wallNow) {
        return delayUntil(minuteStart.plus(Duration.ofMinutes(1)), wallNow);
    }

    /** How long to wait at {@code wallNow} until {@link #releaseAt(Instant) releaseAt(simulatedUntil)}. */
    public Duration delayUntil(Instant simulatedUntil, Instant wallNow) {
        Duration d = Duration.between(wallNow, releaseAt(simulatedUntil));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Whether the wall clock, not the speed, sets the pace up to {@code simulatedUntil}. */
    public boolean isRealTime(Instant simulatedUntil) {
        return releaseAt(simulatedUntil).equals(simulatedUntil);
    }

    /**
     * The wall time at which the simulated clock catches up with the wall clock and the pace
     * becomes real time; {@code realStart} if the simulation does not start behind it, and empty
     * if it never catches up (speed at most 1 while behind).
     */
    public Optional<Instant> catchUp() {
        Duration behind = Duration.between(simulationStart, realStart);
        if (behind.isNegative() || behind.isZero()) {
            return Optional.of(realStart);
        }
        if (speed <= 1) {
            return Optional.empty();
        }
        // realStart + (t - simulationStart) / speed = t  =>  t = realStart + behind / (speed - 1)
        return Optional.of(realStart.plusNanos((long) Math.ceil(behind.toNanos() / (speed - 1))));
    }

    public double speed() {
        return speed;
    }
}
