package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.Comparator;
import java.util.List;

/**
 * The one-line verdict on a group, as Alertmanager titles it: firing while any of its alerts
 * fires (counting the firing ones), resolved once all are (counting all), coloured by the worst
 * severity among the alerts that make the status.
 *
 * @param phase    FIRING or RESOLVED
 * @param count    alerts in that phase
 * @param severity the worst severity among them
 */
record GroupStatus(Transition.Phase phase, int count, String severity) {

    static GroupStatus of(List<AlertEvent> alerts) {
        boolean firing = alerts.stream().anyMatch(a -> a.phase() == Transition.Phase.FIRING);
        Transition.Phase phase = firing ? Transition.Phase.FIRING : Transition.Phase.RESOLVED;
        List<AlertEvent> counted = alerts.stream().filter(a -> a.phase() == phase).toList();
        String worst = counted.stream().map(AlertEvent::severity)
                .min(Comparator.comparingInt(GroupStatus::rank)).orElse("critical");
        return new GroupStatus(phase, counted.size(), worst);
    }

    /** {@code [FIRING:2] BounceRateRising}, escaped. */
    String title(String groupTitle) {
        return "[" + phase.name() + ":" + count + "] " + SlackText.escape(groupTitle);
    }

    String emoji() {
        return emoji(phase, severity);
    }

    /**
     * {@code :large_green_circle:} when resolved; when firing {@code :warning:} for warning,
     * {@code :information_source:} for info and {@code :red_circle:} for critical, and for anything
     * else (rules require one of the three; an unknown one is not played down).
     */
    static String emoji(Transition.Phase phase, String severity) {
        if (phase == Transition.Phase.RESOLVED) {
            return ":large_green_circle:";
        }
        return switch (severity == null ? "" : severity) {
            case "warning" -> ":warning:";
            case "info" -> ":information_source:";
            default -> ":red_circle:";
        };
    }

    private static int rank(String severity) {
        return switch (severity == null ? "" : severity) {
            case "warning" -> 1;
            case "info" -> 2;
            default -> 0;
        };
    }
}
