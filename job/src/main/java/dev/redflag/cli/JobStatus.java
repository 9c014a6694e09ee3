package dev.redflag.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a job running in this JVM is doing, as the status line shows it.
 *
 * @param simulatedNow    the demo's simulated clock; null when time is real (a local {@code run})
 * @param eventsPerSecond events the job took in per real second since the last status
 * @param kpiValues       KPI values emitted since the start
 * @param firing          alerts firing now
 */
record JobStatus(Instant simulatedNow, double eventsPerSecond, long kpiValues, long firing) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** e.g. {@code status  simulated 12-06 01:20 UTC | 2,310 events/s | 48,211 KPI values | 3 alerts firing}. */
    String line() {
        return line("");
    }

    /**
     * The line with {@code clockNote} after the simulated clock, e.g. {@code status  simulated 12-05 01:20 UTC,
     * quiet baseline day | ...}; an empty note adds nothing.
     */
    String line(String clockNote) {
        StringBuilder line = new StringBuilder("status  ");
        if (simulatedNow != null) {
            line.append("simulated ").append(CLOCK.format(simulatedNow)).append(" UTC")
                    .append(clockNote.isEmpty() ? "" : ", " + clockNote).append(" | ");
        }
        return line.append(String.format(Locale.ROOT, "%,d events/s | %,d KPI values | %d alert%s firing",
                Math.round(eventsPerSecond), kpiValues, firing, firing == 1 ? "" : "s")).toString();
    }
}
