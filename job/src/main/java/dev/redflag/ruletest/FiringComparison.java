package dev.redflag.ruletest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the alerts firing at a check's time with the ones it expects and, when they differ,
 * says so the way a person fixes it: both lists, the missing ones marked {@code -} and the
 * unexpected ones {@code +}, each with where its alert stood and the evaluator's last words
 * ("pending since ...", "denominator 50 < min_sample 100") — usually the answer to "why not?".
 */
final class FiringComparison {

    /** How many series a missing alert's explanation lists before "and N more". */
    private static final int MAX_HINTS = 3;

    private final LabelView view;
    private final long testStart;

    FiringComparison(LabelView view, long testStart) {
        this.view = view;
        this.testStart = testStart;
    }

    /** Lines describing the difference (unindented); empty when the check passes. */
    List<String> compare(AlertCheck check, Replay.Snapshot snapshot) {
        List<AlertEvent> actual = snapshot.firing().stream().filter(e -> check.covers(e.alertname())).toList();
        List<ExpectedAlert> expected = check.expected();
        int[] pairs = Matching.pair(expected.size(), actual.size(), (e, a) -> expected.get(e)
                .matches(actual.get(a).alertname(), actual.get(a).labels(), actual.get(a).annotations()));
        boolean[] actualMatched = new boolean[actual.size()];
        boolean ok = true;
        for (int pair : pairs) {
            if (pair < 0) {
                ok = false;
            } else {
                actualMatched[pair] = true;
            }
        }
        for (boolean matched : actualMatched) {
            ok &= matched;
        }
        if (ok) {
            return List.of();
        }
        Set<String> named = new TreeSet<>();
        expected.forEach(e -> named.addAll(e.labels().keySet()));
        List<String> lines = new ArrayList<>();
        lines.add("at " + Show.time(check.at(), testStart) + ", line " + check.origin().line()
                + (check.scope() == null ? "" : ", alerts named " + check.scope()) + ":");
        lines.add("  expected firing:");
        if (expected.isEmpty()) {
            lines.add("    (nothing)");
        }
        expected.forEach(e -> lines.add("    " + Show.alert(e.alert(), e.labels(), e.annotations())));
        lines.add("  got firing:");
        if (actual.isEmpty()) {
            lines.add("    (nothing)");
        }
        actual.forEach(a -> lines.add("    " + shown(a, expected, named)));
        for (int e = 0; e < pairs.length; e++) {
            if (pairs[e] < 0) {
                ExpectedAlert missing = expected.get(e);
                lines.add("  - " + Show.alert(missing.alert(), missing.labels(), missing.annotations()));
                lines.addAll(whyMissing(missing, snapshot, named));
            }
        }
        for (int a = 0; a < actual.size(); a++) {
            if (!actualMatched[a]) {
                AlertEvent extra = actual.get(a);
                lines.add("  + " + shown(extra, expected, named));
                snapshot.statuses().stream()
                        .filter(s -> s.ruleId().equals(extra.ruleId()) && s.labels().equals(extra.labels()))
                        .findFirst()
                        .ifPresent(s -> lines.add("      " + state(s)));
            }
        }
        return lines;
    }

    /** An actual alert with its telling labels and the annotations that expected entries of its name name. */
    private String shown(AlertEvent a, List<ExpectedAlert> expected, Set<String> named) {
        Set<String> keys = new TreeSet<>();
        expected.stream().filter(e -> e.alert().equals(a.alertname()))
                .forEach(e -> keys.addAll(e.annotations().keySet()));
        Map<String, String> annotations = new TreeMap<>();
        keys.forEach(k -> annotations.put(k, a.annotations().getOrDefault(k, "")));
        return Show.alert(a.alertname(), view.shown(a.ruleId(), a.labels(), named), annotations);
    }

    private List<String> whyMissing(ExpectedAlert missing, Replay.Snapshot snapshot, Set<String> named) {
        List<Replay.AlertStatus> candidates = snapshot.statuses().stream()
                .filter(s -> s.alertname().equals(missing.alert())
                        && ExpectedAlert.contains(s.labels(), missing.labels()))
                .toList();
        if (candidates.isEmpty()) {
            return List.of("      no input series gives " + missing.alert() + " these labels");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_HINTS, candidates.size()); i++) {
            Replay.AlertStatus s = candidates.get(i);
            lines.add("      " + Show.alert(s.alertname(), view.shown(s.ruleId(), s.labels(), named)) + " is "
                    + state(s));
        }
        if (candidates.size() > MAX_HINTS) {
            lines.add("      and " + (candidates.size() - MAX_HINTS) + " more");
        }
        return lines;
    }

    /** "pending since T; value of the window ending T: reason". */
    private String state(Replay.AlertStatus s) {
        String phase = switch (s.phase()) {
            case INACTIVE -> "inactive";
            case PENDING -> "pending since " + Show.time(s.since(), testStart);
            case FIRING -> "firing since " + Show.time(s.since(), testStart);
        };
        if (s.reason() == null) {
            return phase;
        }
        return phase + (s.judgedAt() == AlertState.NO_TIME ? "; " + s.reason()
                : "; value of the window ending " + Show.time(s.judgedAt(), testStart) + ": " + s.reason());
    }
}
