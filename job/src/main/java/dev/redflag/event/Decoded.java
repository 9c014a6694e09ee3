package dev.redflag.event;

import java.util.Objects;

/**
 * The outcome of decoding one record. Bad input is an expected, counted outcome rather than an
 * error, so it is returned as a value (reason plus a short, log-safe detail) instead of thrown: the
 * caller routes it to the dead-letter topic without paying for a stack trace per bad record.
 *
 * <p>Exactly one of {@code event} and {@code reason} is non-null; {@code detail} is non-null exactly
 * when {@code reason} is.
 */
public record Decoded(Event event, DeadLetterReason reason, String detail) {

    public Decoded {
        if ((event == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of event and reason must be non-null");
        }
        if ((reason == null) != (detail == null)) {
            throw new IllegalArgumentException("detail must be present exactly when reason is");
        }
    }

    public static Decoded ok(Event event) {
        return new Decoded(Objects.requireNonNull(event, "event"), null, null);
    }

    public static Decoded bad(DeadLetterReason reason, String detail) {
        return new Decoded(null, Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(detail, "detail"));
    }

    /** True when the record decoded into an event. */
    public boolean isOk() {
        return event != null;
    }
}
