package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one alert of a group says in its section, line by line: its phase when it differs from the
 * group's (a resolved alert in a firing group), the summary annotation, the value against its
 * baseline, the slice that fired it and what explains the change ({@link AlertEvent#WHY}), events
 * that illustrate it ({@link AlertEvent#EXAMPLES}, as text from events escaped like the rest), the
 * window, the labels and a flapping note. Everything that came from rules or data is
 * escaped; the whole is cut to Slack's section limit.
 */
final class AlertSection {

    /** Shown in the header already, or the same for every alert of a group. */
    private static final Set<String> HIDDEN_LABELS = Set.of("alertname", "severity");

    static final String FLAPPING_NOTE = ":repeat: Flapping: kept firing instead of resolving and firing again";

    private AlertSection() {
    }

    static String text(AlertEvent alert, Transition.Phase groupPhase) {
        List<String> lines = new ArrayList<>();
        Transition t = alert.transition();
        if (t.phase() != groupPhase) {
            lines.add(GroupStatus.emoji(t.phase(), alert.severity()) + " *" + t.phase().name() + "*");
        }
        String summary = alert.annotations().get("summary");
        if (summary != null && !summary.isBlank()) {
            lines.add(SlackText.escape(summary.strip()));
        }
        String value = KpiText.valueLine(alert);
        if (!value.isEmpty()) {
            lines.add(value);
        }
        String slice = alert.annotations().get(AlertEvent.SLICE);
        if (slice != null && !slice.isBlank()) {
            lines.add("Slice: " + SlackText.escape(slice.strip()));
        }
        String why = alert.annotations().get(AlertEvent.WHY);
        if (why != null && !why.isBlank()) {
            lines.add("*Why:*");
            why.strip().lines().forEach(line -> lines.add("• " + SlackText.escape(line)));
        }
        String examples = alert.annotations().get(AlertEvent.EXAMPLES);
        if (examples != null && !examples.isBlank()) {
            lines.add("*Examples:*");
            examples.strip().lines().forEach(line -> lines.add("• " + SlackText.escape(line)));
        }
        String window = KpiText.window(t.windowStart(), t.windowEnd());
        if (!window.isEmpty()) {
            lines.add("Window: " + window);
        }
        String labels = labels(alert.labels());
        if (!labels.isEmpty()) {
            lines.add("Labels: " + labels);
        }
        if (t.flapping()) {
            lines.add(FLAPPING_NOTE);
        }
        return SlackText.truncate(String.join("\n", lines), SlackLimits.SECTION_TEXT);
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .filter(l -> !HIDDEN_LABELS.contains(l.getKey()))
                .map(l -> SlackText.escape(l.getKey()) + "=" + SlackText.escape(l.getValue()))
                .collect(Collectors.joining(", "));
    }
}
