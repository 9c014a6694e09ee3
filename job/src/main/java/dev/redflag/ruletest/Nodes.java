package dev.redflag.ruletest;

import dev.redflag.alert.AlertState;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Durations;
import dev.redflag.yaml.NodeReader;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading values out of a test file's YAML nodes while collecting every problem with its
 * position, shared by the readers of the file's parts so that a typo reads the same wherever it
 * is: an unknown key with a suggestion, a list where a value belongs, a time that is not one.
 */
final class Nodes extends NodeReader {

    /** A mapping of names to single values ({@code {page: /pricing}}), or null (reported). */
    Map<String, String> stringMap(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.NULL) {
            return Map.of();
        }
        if (!node.isMapping()) {
            add(node, "expected a mapping of names to values, e.g. {page: /pricing}, got " + node.describe());
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            ConfigNode v = e.getValue();
            if (v.isScalar()) {
                out.put(e.getKey(), v.text());
            } else if (v.kind() == ConfigNode.Kind.NULL) {
                out.put(e.getKey(), "");
            } else {
                add(v, "expected a single value, got " + v.describe());
                ok = false;
            }
        }
        return ok ? out : null;
    }

    /**
     * An instant (ISO-8601 with offset) or, when the test has a start, a duration after it
     * ({@code 8h}, {@code 7d11h}); {@link AlertState#NO_TIME} when it is neither (reported).
     */
    long time(ConfigNode node, long start) {
        String text = text(node);
        if (text == null) {
            return AlertState.NO_TIME;
        }
        if (looksLikeDuration(text)) {
            if (start == AlertState.NO_TIME) {
                add(node, "'" + text + "' counts from the test's start, which is not given; add start: "
                        + "2026-11-02T00:00:00Z to the test, or write an instant");
                return AlertState.NO_TIME;
            }
            try {
                return start + Durations.parse(text).toMillis();
            } catch (IllegalArgumentException e) {
                add(node, e.getMessage());
                return AlertState.NO_TIME;
            }
        }
        return instant(node);
    }

    /** An ISO-8601 instant with offset. */
    long instant(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return AlertState.NO_TIME;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            add(node, "'" + text + "' is not a time; write an ISO-8601 instant with offset, e.g. "
                    + "2026-11-02T08:00:00Z" + (node.path().endsWith("start") ? ""
                    : ", or a duration after the test's start, e.g. 8h"));
            return AlertState.NO_TIME;
        }
    }

    /** {@code 8h}, {@code 1d2h}: a duration rather than an instant (which has '-' and ':'). */
    static boolean looksLikeDuration(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) && !s.contains("-") && !s.contains(":");
    }
}
