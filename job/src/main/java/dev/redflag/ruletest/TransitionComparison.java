package dev.redflag.ruletest;

import dev.redflag.alert.AlertEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the transitions of the alerts a test names with the sequence it expects, in order,
 * and shows a difference as a line diff (longest common subsequence): matching steps unmarked,
 * expected-only {@code -}, actual-only {@code +}, so "fired an hour late" reads as one {@code -}
 * and one {@code +} line next to each other. Where either could come first, the earlier one does,
 * so the difference reads in time order.
 *
 * <p>Scope: the alerts named in the expected list; an empty list expects no transition of any
 * alert at all.
 */
final class TransitionComparison {

    private final LabelView view;
    private final long testStart;

    TransitionComparison(LabelView view, long testStart) {
        this.view = view;
        this.testStart = testStart;
    }

    /** Lines describing the difference (unindented); empty when the sequences agree. */
    List<String> compare(List<ExpectedTransition> expected, int line, List<AlertEvent> all) {
        Set<String> names = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        Set<String> annotated = new TreeSet<>();
        expected.forEach(e -> {
            names.add(e.alert());
            named.addAll(e.labels().keySet());
            annotated.addAll(e.annotations().keySet());
        });
        List<AlertEvent> actual = all.stream().filter(e -> names.isEmpty() || names.contains(e.alertname())).toList();
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = fits(expected.get(i), actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        if (common[0][0] == n && n == m) {
            return List.of();
        }
        List<String[]> expectedRows = expected.stream().map(this::row).toList();
        List<String[]> actualRows = actual.stream().map(a -> row(a, named, annotated)).toList();
        int width = 0;
        for (String[] r : expectedRows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : actualRows) {
            width = Math.max(width, r[0].length());
        }
        List<String> lines = new ArrayList<>();
        lines.add("transitions, line " + line + (names.isEmpty() ? " (no alert may change)" : "") + ":");
        lines.add("  expected:");
        if (expected.isEmpty()) {
            lines.add("    (nothing)");
        }
        for (String[] r : expectedRows) {
            lines.add("    " + text(r, width));
        }
        lines.add("  got:");
        if (actual.isEmpty()) {
            lines.add("    (nothing)");
        }
        for (String[] r : actualRows) {
            lines.add("    " + text(r, width));
        }
        lines.add("  difference:");
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && fits(expected.get(i), actual.get(j)) && common[i][j] == common[i + 1][j + 1] + 1) {
                lines.add("      " + text(expectedRows.get(i++), width));
                j++;
            } else if (i < n && (j == m || common[i + 1][j] > common[i][j + 1]
                    || common[i + 1][j] == common[i][j + 1] && expected.get(i).at() <= actual.get(j).transition().at())) {
                lines.add("    - " + text(expectedRows.get(i++), width));
            } else {
                lines.add("    + " + text(actualRows.get(j++), width));
            }
        }
        return lines;
    }

    private static boolean fits(ExpectedTransition e, AlertEvent a) {
        return e.alert().equals(a.alertname()) && e.phase() == a.phase() && e.at() == a.transition().at()
                && ExpectedAlert.contains(a.labels(), e.labels()) && ExpectedAlert.contains(a.annotations(), e.annotations());
    }

    private String[] row(ExpectedTransition e) {
        return new String[]{Show.time(e.at(), testStart), e.phase().name(),
            Show.alert(e.alert(), e.labels(), e.annotations())};
    }

    /** The actual step with the annotations the expected steps name, for a side-by-side read. */
    private String[] row(AlertEvent a, Set<String> named, Set<String> annotated) {
        Map<String, String> annotations = new TreeMap<>(a.annotations());
        annotations.keySet().retainAll(annotated);
        return new String[]{Show.time(a.transition().at(), testStart), a.phase().name(),
            Show.alert(a.alertname(), view.shown(a.ruleId(), a.labels(), named), annotations)};
    }

    /** time, state and alert in columns. */
    private static String text(String[] row, int timeWidth) {
        return String.format(Locale.ROOT, "%-" + timeWidth + "s  %-8s  %s", row[0], row[1].toLowerCase(Locale.ROOT),
                row[2]);
    }
}
