package dev.redflag.notify.route;

import java.io.Serializable;
import java.time.LocalTime;

/**
 * A daily span of wall-clock time, start inclusive, end exclusive. When {@code end} is not after
 * {@code start} the span wraps midnight ({@code 22:00–07:00}); {@code endOfDay} stands for a
 * written {@code 24:00}, which {@link LocalTime} cannot hold.
 */
public record TimeRange(LocalTime start, LocalTime end, boolean endOfDay) implements Serializable {

    public boolean wraps() {
        return !endOfDay && !end.isAfter(start);
    }

    /** Whether a time belongs to the part of the span that starts on its own day. */
    boolean containsSameDay(LocalTime t) {
        if (t.isBefore(start)) {
            return false;
        }
        return endOfDay || wraps() || t.isBefore(end);
    }

    /** Whether a time belongs to the after-midnight tail of a span that started the day before. */
    boolean containsCarriedOver(LocalTime t) {
        return wraps() && t.isBefore(end);
    }
}
