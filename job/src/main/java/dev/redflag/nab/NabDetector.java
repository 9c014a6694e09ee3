package dev.redflag.nab;

import dev.redflag.rules.Condition;

import java.util.Locale;

/**
 * One anomaly detector of the rules engine as NAB scores it: an {@code anomaly} condition with one
 * parameter set for the whole corpus, and the onset window that turns its per-value scores into
 * NAB detections ({@link Onsets}).
 *
 * @param name     what the table and {@code --detector} call it, e.g. {@code range}
 * @param detector the rule condition; its sensitivity is the default, which only the false-alert
 *                 count reads (NAB's optimiser picks its own threshold on the score)
 * @param onset    values an episode's peak must beat to count again, see {@link Onsets}
 */
public record NabDetector(String name, Condition.Anomaly detector, int onset) {

    /** The condition as a rule file writes it, e.g. {@code {anomaly: range, windows: 1500}}. */
    public String when() {
        StringBuilder sb = new StringBuilder("{anomaly: ").append(detector.method().name().toLowerCase(Locale.ROOT))
                .append(", windows: ").append(detector.windows());
        if (detector.season() != null) {
            sb.append(", season: ").append(detector.season().name().toLowerCase(Locale.ROOT));
        }
        if (detector.direction() != null) {
            sb.append(", direction: ").append(detector.direction() == Condition.Direction.UP ? "up" : "down");
        }
        return sb.append('}').toString();
    }
}
