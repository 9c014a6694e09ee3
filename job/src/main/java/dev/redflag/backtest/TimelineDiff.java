package dev.redflag.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between the alert timelines of two rule sets over the same history: periods only
 * the new rules fire (added), periods only the old rules fired (removed), and overlapping periods
 * whose start or end moved. Periods are matched per alert and series, one to one, by overlap.
 */
public final class TimelineDiff {

    /** One line of the difference. */
    public record Change(Kind kind, String series, AlertPeriod before, AlertPeriod after) {
        public enum Kind { ADDED, REMOVED, MOVED }
    }

    private TimelineDiff() {
    }

    /**
     * @param before periods of the old rule set by series name (alert and labels, as printed)
     * @param after  periods of the new rule set, same naming
     */
    public static List<Change> between(Map<String, List<AlertPeriod>> before, Map<String, List<AlertPeriod>> after) {
        Set<String> series = new TreeSet<>(before.keySet());
        series.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String s : series) {
            List<AlertPeriod> old = sorted(before.getOrDefault(s, List.of()));
            List<AlertPeriod> neu = sorted(after.getOrDefault(s, List.of()));
            boolean[] oldMatched = new boolean[old.size()];
            for (AlertPeriod n : neu) {
                int match = -1;
                for (int i = 0; i < old.size(); i++) {
                    if (!oldMatched[i] && overlaps(old.get(i), n)) {
                        match = i;
                        break;
                    }
                }
                if (match < 0) {
                    changes.add(new Change(Change.Kind.ADDED, s, null, n));
                } else {
                    oldMatched[match] = true;
                    AlertPeriod o = old.get(match);
                    if (o.start() != n.start() || o.end() != n.end()) {
                        changes.add(new Change(Change.Kind.MOVED, s, o, n));
                    }
                }
            }
            for (int i = 0; i < old.size(); i++) {
                if (!oldMatched[i]) {
                    changes.add(new Change(Change.Kind.REMOVED, s, old.get(i), null));
                }
            }
        }
        changes.sort(Comparator.comparing(Change::series).thenComparingLong(c ->
                (c.after() != null ? c.after() : c.before()).start()));
        return changes;
    }

    /** The difference as a Markdown table, ready to paste into a pull request. */
    public static String markdown(List<Change> changes, int periodsBefore, int periodsAfter) {
        StringBuilder md = new StringBuilder();
        long added = changes.stream().filter(c -> c.kind() == Change.Kind.ADDED).count();
        long removed = changes.stream().filter(c -> c.kind() == Change.Kind.REMOVED).count();
        long moved = changes.stream().filter(c -> c.kind() == Change.Kind.MOVED).count();
        md.append("**Alert timeline: ").append(periodsBefore).append(" → ").append(periodsAfter)
                .append(" firing periods** (").append(added).append(" added, ").append(removed)
                .append(" removed, ").append(moved).append(" moved)\n\n");
        if (changes.isEmpty()) {
            return md.append("No change.\n").toString();
        }
        md.append("| change | alert | firing before | firing after |\n|---|---|---|---|\n");
        for (Change c : changes) {
            md.append("| ").append(c.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" | `")
                    .append(c.series().replace("|", "\\|")).append("` | ").append(period(c.before()))
                    .append(" | ").append(period(c.after()));
            if (c.kind() == Change.Kind.MOVED) {
                md.append(" (start ").append(shift(c.before().start(), c.after().start())).append(", end ")
                        .append(c.before().isOpen() || c.after().isOpen() ? "open"
                                : shift(c.before().end(), c.after().end())).append(')');
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    static String period(AlertPeriod p) {
        if (p == null) {
            return "–";
        }
        return Instant.ofEpochMilli(p.start()) + " .. " + (p.isOpen() ? "end" : Instant.ofEpochMilli(p.end()));
    }

    static String shift(long from, long to) {
        Duration d = Duration.ofMillis(to - from);
        if (d.isZero()) {
            return "same";
        }
        return (d.isNegative() ? "-" : "+") + dev.redflag.yaml.Durations.format(d.abs());
    }

    private static boolean overlaps(AlertPeriod a, AlertPeriod b) {
        return a.start() < b.end() && b.start() < a.end();
    }

    private static List<AlertPeriod> sorted(List<AlertPeriod> periods) {
        List<AlertPeriod> out = new ArrayList<>(periods);
        out.sort(Comparator.comparingLong(AlertPeriod::start));
        return out;
    }
}
