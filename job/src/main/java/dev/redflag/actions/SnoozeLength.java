package dev.redflag.actions;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** The snooze menu's options ({@code 1h}, {@code 1d}, {@code monday}) and when each ends. */
final class SnoozeLength {

    static final LocalTime MONDAY_AT = LocalTime.of(9, 0);

    private SnoozeLength() {
    }

    /**
     * When a snooze chosen at {@code now} ends: an hour or a day later, or the first Monday 09:00 in
     * {@code zone} after now (today's, on a Monday before nine). Empty for an option the menu does
     * not have.
     */
    static Optional<Instant> until(String option, Instant now, ZoneId zone) {
        if (option == null) {
            return Optional.empty();
        }
        return switch (option) {
            case "1h" -> Optional.of(now.plus(Duration.ofHours(1)));
            case "1d" -> Optional.of(now.plus(Duration.ofDays(1)));
            case "monday" -> Optional.of(nextMondayMorning(now, zone));
            default -> Optional.empty();
        };
    }

    private static Instant nextMondayMorning(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime monday = local.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).with(MONDAY_AT);
        if (!monday.isAfter(local)) {
            monday = monday.plusWeeks(1);
        }
        return monday.toInstant();
    }
}
