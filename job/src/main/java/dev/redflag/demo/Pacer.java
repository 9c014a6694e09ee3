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
 * <p>The first stretch of the simulation, a quiet warm-up with no incident (see
 * {@link Incidents#QUIET_DAY}), may be fast-forwarded at a speed of its own, higher than the rest,
 * so that the incidents after it still show within minutes. A simulated instant {@code t} that is
 * {@code s} after the simulation start may be released at
 * {@code max(realStart + min(s, warmUp) / warmUpSpeed + max(s − warmUp, 0) / speed, t)}: the
 * fast-forward schedule, but never before {@code t} itself has happened on the wall clock.
 */
public final class Pacer {

    private final double speed;
    private final Duration warmUp;
    private final double warmUpSpeed;
    private final Instant simulationStart;
    private final Instant realStart;

    /**
     * @param speed           simulated seconds per real second while fast-forwarding, e.g. 360 for
     *                        one simulated hour every 10 real seconds; must be positive
     * @param simulationStart the simulated instant the run starts at
     * @param realStart       the wall time the run started
     */
    public Pacer(double speed, Instant simulationStart, Instant realStart) {
        this(speed, Duration.ZERO, speed, simulationStart, realStart);
    }

    /**
     * @param speed           simulated seconds per real second after the warm-up; must be positive
     * @param warmUp          how long the warm-up lasts from the simulation start; zero for none
     * @param warmUpSpeed     simulated seconds per real second during the warm-up; must be positive
     * @param simulationStart the simulated instant the run starts at
     * @param realStart       the wall time the run started
     */
    public Pacer(double speed, Duration warmUp, double warmUpSpeed, Instant simulationStart, Instant realStart) {
        this.speed = checkSpeed("speed", speed);
        this.warmUpSpeed = checkSpeed("warm-up speed", warmUpSpeed);
        this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, got " + warmUp);
        }
        this.simulationStart = Objects.requireNonNull(simulationStart, "simulationStart");
        this.realStart = Objects.requireNonNull(realStart, "realStart");
    }

    private static double checkSpeed(String name, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + speed);
        }
        return speed;
    }

    /**
     * A simulation start {@code lookback} before {@code wallNow}, on a whole minute (the demo's own
     * replay starts on a whole hour instead: {@link Incidents#replayStart}).
     */
    public static Instant startBehind(Instant wallNow, Duration lookback) {
        return wallNow.truncatedTo(ChronoUnit.MINUTES).minus(lookback);
    }

    /** The wall time at which every event before {@code simulatedUntil} may have been emitted. */
    public Instant releaseAt(Instant simulatedUntil) {
        long simulatedNanos = Duration.between(simulationStart, simulatedUntil).toNanos();
        long warmUpNanos = Math.min(simulatedNanos, warmUp.toNanos());
        double realNanos = warmUpNanos / warmUpSpeed + (simulatedNanos - warmUpNanos) / speed;
        Instant fast = realStart.plusNanos((long) Math.ceil(realNanos));
        return fast.isAfter(simulatedUntil) ? fast : simulatedUntil;
    }

    /** Whether {@code simulated} lies in the warm-up, which is paced at the warm-up speed. */
    public boolean inWarmUp(Instant simulated) {
        return simulated.isBefore(simulationStart.plus(warmUp));
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
        double behind = Duration.between(simulationStart, realStart).toNanos();
        if (behind <= 0) {
            return Optional.of(realStart);
        }
        // during the warm-up, s simulated after the start is released at realStart + s / warmUpSpeed,
        // which is s - behind on the wall clock: caught up at s / warmUpSpeed = behind / (warmUpSpeed - 1)
        double warmUpNanos = warmUp.toNanos();
        if (warmUpSpeed > 1 && behind / (warmUpSpeed - 1) * warmUpSpeed <= warmUpNanos) {
            return Optional.of(realStart.plusNanos((long) Math.ceil(behind / (warmUpSpeed - 1))));
        }
        // after it, with the warm-up's lead (or lag) in the real time it took: the same at speed
        double stillBehind = behind - warmUpNanos + warmUpNanos / warmUpSpeed;
        if (speed <= 1) {
            return Optional.empty();
        }
        return Optional.of(realStart.plusNanos((long) Math.ceil(warmUpNanos / warmUpSpeed + stillBehind / (speed - 1))));
    }

    public double speed() {
        return speed;
    }

    public double warmUpSpeed() {
        return warmUpSpeed;
    }

    public Duration warmUp() {
        return warmUp;
    }
}
