package dev.redflag.ruletest;

import dev.redflag.alert.AlertState;
import dev.redflag.yaml.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How alerts and times read in test output: Prometheus' {@code name{label="value"}} so people can
 * copy a label set into a test, and instants with their offset from the test's start so
 * {@code at: 8h} in a test can be found in the output.
 */
final class Show {

    private Show() {
    }

    /** {@code 2026-11-02T08:00:00Z}, plus {@code (+8h)} when the test has a start at or before it. */
    static String time(long at, long testStart) {
        String iso = Instant.ofEpochMilli(at).toString();
        if (testStart == AlertState.NO_TIME || at < testStart) {
            return iso;
        }
        return iso + " (+" + Durations.format(Duration.ofMillis(at - testStart)) + ")";
    }

    /** {@code Name{a="x", b="y"}} without the {@code alertname} label; {@code Name} without labels. */
    static String alert(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(name);
        boolean first = true;
        for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
            if (l.getKey().equals("alertname")) {
                continue;
            }
            b.append(first ? "{" : ", ").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
            first = false;
        }
        return first ? b.toString() : b.append('}').toString();
    }

    /** {@link #alert} followed by {@code name="text"} for each annotation. */
    static String alert(String name, Map<String, String> labels, Map<String, String> annotations) {
        StringBuilder b = new StringBuilder(alert(name, labels));
        new TreeMap<>(annotations).forEach((k, v) -> b.append(' ').append(k).append("=\"").append(escape(v))
                .append('"'));
        return b.toString();
    }

    /** Backslash, quote and newline escaped as in the Prometheus text format. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
