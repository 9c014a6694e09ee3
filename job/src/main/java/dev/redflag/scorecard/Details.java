package dev.redflag.scorecard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scenarios behind the figures a detector is tuned on: each incident of at least 5 SE that no
 * rule detected, and each false alert of a quiet history, one line each.
 */
final class Details {

    private Details() {
    }

    static String of(List<Outcome> outcomes) {
        List<String> missed = new ArrayList<>();
        List<String> falseAlerts = new ArrayList<>();
        for (Outcome o : outcomes) {
            Scenario s = o.scenario();
            String series = s.model().kpi() + " " + s.volume().label();
            if (s.quiet()) {
                for (Firing f : o.firings()) {
                    if (f.at() > s.warmUpEnd()) {
                        falseAlerts.add(series + ": " + f.ruleId() + " at " + Instant.ofEpochMilli(f.at()));
                    }
                }
            } else if (o.effectSize() >= Tally.STRONG && !o.detected()) {
                missed.add(String.format(Locale.ROOT, "%s %s for %s from %s: %.1f SE", series, s.effect().label(),
                        Lengths.label(s.length()), Instant.ofEpochMilli(s.incidentStart()), o.effectSize()));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Missed incidents of at least 5 SE (").append(missed.size()).append("):\n");
        missed.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("False alerts in quiet histories (").append(falseAlerts.size()).append("):\n");
        falseAlerts.forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }
}
