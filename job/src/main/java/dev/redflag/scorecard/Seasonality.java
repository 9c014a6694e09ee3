package dev.redflag.scorecard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The daily and weekly cycle every history follows: volume (sessions, answers, leads, orders,
 * cancellations) peaks at 14:00 UTC at 1.5 times the day's mean and bottoms out at 02:00 at half
 * of it; weekdays carry 1.12 times the week's mean and weekends 0.7. Rates move a little with the
 * hour of day (±5 %). Both factors average exactly 1 over a week of whole hours, so the volume of
 * a scenario is its mean.
 */
final class Seasonality {

    static final double DAILY_AMPLITUDE = 0.5;
    static final double RATE_AMPLITUDE = 0.05;
    static final double WEEKDAY = 1.12;
    static final double WEEKEND = 0.7;
    private static final int PEAK_HOUR = 14;

    private Seasonality() {
    }

    /** Volume relative to the series' mean, in the hour starting at {@code hourStart}. */
    static double volume(long hourStart) {
        ZonedDateTime t = Instant.ofEpochMilli(hourStart).atZone(ZoneOffset.UTC);
        return (1 + DAILY_AMPLITUDE * daily(t.getHour())) * weekly(t.getDayOfWeek());
    }

    /** A rate's multiplier by hour of day. */
    static double rate(long hourStart) {
        return 1 + RATE_AMPLITUDE * daily(Instant.ofEpochMilli(hourStart).atZone(ZoneOffset.UTC).getHour());
    }

    private static double daily(int hour) {
        return Math.cos(2 * Math.PI * (hour - PEAK_HOUR) / 24);
    }

    private static double weekly(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
    }
}
