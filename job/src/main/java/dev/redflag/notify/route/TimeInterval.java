package dev.redflag.notify.route;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A named, recurring span of local time (weekday nights in Berlin, weekends) in which routes
 * that name it stay quiet. Times are compared as wall-clock times in the interval's zone, so a
 * range written as 22:00–07:00 keeps meaning that across daylight-saving changes; a wall-clock
 * time skipped by the spring change simply never occurs.
 *
 * <p>A range that wraps midnight belongs to the day it starts: with {@code weekdays: [saturday,
 * sunday]} and {@code 22:00–07:00}, Monday 03:00 is muted (Sunday night) and Saturday 03:00 is
 * not (Friday night).
 *
 * @param weekdays empty for every day
 * @param times    empty for the whole day
 */
public record TimeInterval(String name, ZoneId zone, Set<DayOfWeek> weekdays, List<TimeRange> times)
        implements Serializable {

    public TimeInterval {
        weekdays = Set.copyOf(weekdays);
        times = List.copyOf(times);
    }

    public boolean contains(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (times.isEmpty()) {
            return onDay(day);
        }
        for (TimeRange range : times) {
            if (range.containsSameDay(time) && onDay(day)) {
                return true;
            }
            if (range.containsCarriedOver(time) && onDay(day.minusDays(1))) {
                return true;
            }
        }
        return false;
    }

    private boolean onDay(LocalDate day) {
        return weekdays.isEmpty() || weekdays.contains(day.getDayOfWeek());
    }
}
