package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Fingerprint;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.ValueText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Alert events as the lifecycle emits them, with the reserved labels set as {@code AlertLabels} sets them. */
public final class TestAlerts {

    private TestAlerts() {
    }

    public static AlertEvent firing(String page, Instant firedAt) {
        return event(page, Transition.Phase.FIRING, firedAt, null, false);
    }

    public static AlertEvent resolved(String page, Instant firedAt, Instant resolvedAt) {
        return event(page, Transition.Phase.RESOLVED, firedAt, resolvedAt, false);
    }

    /** The same alert a minute later, now held firing as flapping: a newer FIRING event of the same instance. */
    public static AlertEvent flapping(AlertEvent firing) {
        Transition t = firing.transition();
        Transition later = new Transition(t.phase(), t.at() + 60_000, t.startsAt(), t.endsAt(), t.value(), t.baseline(),
                t.change(), t.windowStart() + 60_000, t.windowEnd() + 60_000, true);
        return new AlertEvent(firing.ruleId(), firing.alertname(), firing.severity(), firing.shadow(),
                firing.fingerprint(), firing.kpi(), firing.window(), firing.labels(), firing.annotations(), later,
                firing.valueText());
    }

    public static AlertEvent event(String page, Transition.Phase phase, Instant firedAt, Instant resolvedAt, boolean shadow) {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("alertname", "BounceRateRising",
                "severity", "critical", "kpi", "bounce_rate", "window", "1h", "page", page));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", "Bounce rate on " + page + " is 0.43");
        annotations.put("runbook_url", "https://wiki.example/bounce-rate");
        String ruleId = "web/BounceRateRising";
        long at = resolvedAt != null ? resolvedAt.toEpochMilli() : firedAt.toEpochMilli();
        long startsAt = phase == Transition.Phase.PENDING ? firedAt.toEpochMilli() - 600_000 : firedAt.toEpochMilli();
        Transition t = new Transition(phase, at, startsAt,
                resolvedAt != null ? resolvedAt.toEpochMilli() : AlertState.NO_TIME, 0.43, 0.31, 38.7,
                at - 3_600_000, at, false);
        return new AlertEvent(ruleId, "BounceRateRising", "critical", shadow, Fingerprint.of(ruleId, labels),
                "bounce_rate", "1h", labels, annotations, t, new ValueText("43%", "31%", "+12 points"));
    }
}
