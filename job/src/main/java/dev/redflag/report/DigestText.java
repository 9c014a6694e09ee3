package dev.redflag.report;

import dev.redflag.yaml.Durations;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The numbers of a digest as both renderings write them. */
final class DigestText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DigestText() {
    }

    static String title(Digest d) {
        return "redflag report, " + TIME.format(d.from()) + " to " + TIME.format(d.until()) + " UTC";
    }

    /** Whole seconds: the milliseconds of a firing time are noise to a reader. */
    static String duration(Duration d) {
        return d == null ? "–" : Durations.format(Duration.ofSeconds(Math.round(d.toMillis() / 1000.0)));
    }

    static String precision(Digest.RuleLine r) {
        return r.precision().map(p -> Math.round(p * 100) + "%").orElse("–");
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * {@code 12 firing periods of 3 rules on 5 series, 2 still firing. Precision 71% (5 real, 2 false
     * alarms; 7 of 12 judged). 6 acknowledged, median 4m after firing.}
     */
    static String summary(Digest d) {
        Digest.RuleLine t = d.total();
        if (t.periods() == 0) {
            return "No alert fired.";
        }
        StringBuilder s = new StringBuilder();
        s.append(plural(t.periods(), "firing period", "firing periods")).append(" of ")
                .append(plural(d.rules().size(), "rule", "rules")).append(" on ")
                .append(plural(t.series(), "series", "series"));
        if (d.stillFiring() > 0) {
            s.append(", ").append(d.stillFiring()).append(" still firing");
        }
        s.append(". ");
        int judged = t.real() + t.falseAlarms();
        if (judged == 0) {
            s.append("No verdicts. ");
        } else {
            s.append("Precision ").append(precision(t)).append(" (").append(t.real()).append(" real, ")
                    .append(plural(t.falseAlarms(), "false alarm", "false alarms")).append("; ").append(judged)
                    .append(" of ").append(t.periods()).append(" judged). ");
        }
        if (t.acknowledged() == 0) {
            s.append("None acknowledged.");
        } else {
            s.append(t.acknowledged()).append(" acknowledged, median ").append(duration(t.medianToAcknowledge()))
                    .append(" after firing.");
        }
        return s.toString();
    }
}
