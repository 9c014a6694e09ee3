package dev.redflag.config;

import dev.redflag.yaml.Durations;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How event time is tracked: how much disorder the watermark tolerates, when an idle
 * partition stops holding it back, how late an event may still update its window, and how
 * far in the future a timestamp may be before the event is treated as broken.
 *
 * @param idleness null when idleness detection is off
 */
public record EventTimeConfig(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness,
                              Duration maxFutureSkew) implements Serializable {

    private static final long serialVersionUID = 1L;

    public EventTimeConfig {
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }

    /** The idle timeout, empty when {@code idleness: off}. */
    public Optional<Duration> idlenessTimeout() {
        return Optional.ofNullable(idleness);
    }

    @Override
    public String toString() {
        return "EventTimeConfig[maxOutOfOrderness=" + Durations.format(maxOutOfOrderness)
                + ", idleness=" + (idleness == null ? "off" : Durations.format(idleness))
                + ", allowedLateness=" + Durations.format(allowedLateness)
                + ", maxFutureSkew=" + Durations.format(maxFutureSkew) + "]";
    }
}
