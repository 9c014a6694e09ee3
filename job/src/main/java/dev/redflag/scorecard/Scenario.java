package dev.redflag.scorecard;

import java.time.Duration;

/**
 * One synthetic history of one KPI series: hourly windows from {@code start} to {@code end}, the
 * first {@code warmUp} of them warm-up, with one incident or none (a quiet history).
 *
 * @param effect        null for a quiet history
 * @param length        the incident's length; ZERO for a quiet history
 * @param incidentStart epoch millis, on an hour; {@code end} for a quiet history
 * @param seed          seeds the scenario's {@link java.util.SplittableRandom}
 */
record Scenario(KpiModel model, Volume volume, Effect effect, Duration length, long start, long warmUpEnd,
                long incidentStart, long end, long seed) {

    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    boolean quiet() {
        return effect == null;
    }

    long incidentEnd() {
        return incidentStart + length.toMillis();
    }

    /** Whether the hour starting at {@code hourStart} lies in the incident. */
    boolean inIncident(long hourStart) {
        return !quiet() && hourStart >= incidentStart && hourStart < incidentEnd();
    }

    int hours() {
        return (int) ((end - start) / HOUR);
    }

    long hourStart(int hour) {
        return start + hour * HOUR;
    }

    int day(long instant) {
        return (int) ((instant - start) / DAY);
    }

    int days() {
        return (int) ((end - start + DAY - 1) / DAY);
    }

    /** Days after the warm-up: series-days of a quiet history. */
    double testDays() {
        return (double) (end - warmUpEnd) / DAY;
    }

    /** The mean events of the series over the incident's hours, seasonality included. */
    double expectedDuringIncident() {
        double sum = 0;
        for (long t = incidentStart; t < incidentEnd(); t += HOUR) {
            sum += volume.perHour() * Seasonality.volume(t);
        }
        return sum;
    }
}
