package dev.redflag.scorecard;

import java.time.Duration;

/** Incident lengths and times to detect as the report prints them: 3h, 1d, 7d, 1d4h. */
final class Lengths {

    private Lengths() {
    }

    static String label(Duration d) {
        long hours = d.toHours();
        if (hours == 0) {
            return d.toMinutes() + "m";
        }
        long days = hours / 24;
        long rest = hours % 24;
        if (days == 0) {
            return hours + "h";
        }
        return rest == 0 ? days + "d" : days + "d" + rest + "h";
    }
}
