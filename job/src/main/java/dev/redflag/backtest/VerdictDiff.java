package dev.redflag.backtest;

import dev.redflag.alert.feedback.Verdict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule change judged against what people said about the old rules' alerts: of the old firing
 * periods marked real, how many the new rules still catch (recall), and of those marked false
 * alarm, how many they drop; and the precision of each version on the judged periods. An old
 * period counts as still caught when the comparison matched it to a new period (kept or moved),
 * and as dropped when it is removed.
 */
public final class VerdictDiff {

    /** What the new rules do with one judged old period. */
    public record Judged(String series, FiringPeriod before, Verdict verdict, TimelineDiff.Change change) {

        boolean stillFires() {
            return change == null || change.kind() != TimelineDiff.Change.Kind.REMOVED;
        }
    }

    /** Totals over the judged periods. */
    public record Score(int real, int realCaught, int falseAlarms, int falseKept) {

        public int falseDropped() {
            return falseAlarms - falseKept;
        }
    }

    private VerdictDiff() {
    }

    /**
     * @param names   how the comparison names series
     * @param old     the old rules' firing periods
     * @param changes the comparison of the old periods to the new ones
     */
    public static List<Judged> judged(SeriesNames names, List<FiringPeriod> old, PeriodVerdicts verdicts,
                                      List<TimelineDiff.Change> changes) {
        Map<AlertPeriod, TimelineDiff.Change> byBefore = new HashMap<>();
        for (TimelineDiff.Change c : changes) {
            if (c.before() != null) {
                byBefore.put(c.before(), c);
            }
        }
        return old.stream().filter(p -> verdicts.of(p).isPresent())
                .map(p -> new Judged(names.of(p), p, verdicts.of(p).orElseThrow(), byBefore.get(p.period())))
                .toList();
    }

    public static Score score(List<Judged> judged) {
        int real = 0;
        int caught = 0;
        int falseAlarms = 0;
        int kept = 0;
        for (Judged j : judged) {
            if (j.verdict() == Verdict.REAL) {
                real++;
                caught += j.stillFires() ? 1 : 0;
            } else {
                falseAlarms++;
                kept += j.stillFires() ? 1 : 0;
            }
        }
        return new Score(real, caught, falseAlarms, kept);
    }

    /**
     * The section under the timeline diff: a summary table (old rules, new rules) and each judged
     * old period with its verdict and what the new rules do with it.
     *
     * @param oldPeriods every firing period of the old rules, for "n of m judged"
     * @param unmatched  verdicts that judged no old period
     */
    public static String markdown(List<Judged> judged, int oldPeriods, int unmatched) {
        Score s = score(judged);
        StringBuilder md = new StringBuilder("\n**Against the verdicts given in Slack:** ").append(judged.size())
                .append(" of ").append(oldPeriods).append(" firing periods of the old rules judged (")
                .append(s.real()).append(" real, ").append(s.falseAlarms()).append(" false alarm")
                .append(s.falseAlarms() == 1 ? "" : "s").append(")");
        if (unmatched > 0) {
            md.append("; ").append(unmatched).append(" verdict").append(unmatched == 1 ? "" : "s")
                    .append(" judged no period of this history");
        }
        md.append(".\n\n");
        if (judged.isEmpty()) {
            return md.append("No verdict to judge the change by.\n").toString();
        }
        md.append("| | old rules | new rules |\n|---|--:|--:|\n")
                .append("| real problems caught (recall) | ").append(s.real()).append(" of ").append(s.real())
                .append(" | ").append(s.realCaught()).append(" of ").append(s.real())
                .append(percent(" (", s.realCaught(), s.real(), ")")).append(" |\n")
                .append("| false alarms | ").append(s.falseAlarms()).append(" | ").append(s.falseKept())
                .append(" (").append(s.falseDropped()).append(" dropped) |\n")
                .append("| precision on judged periods | ")
                .append(percent("", s.real(), s.real() + s.falseAlarms(), "")).append(" | ")
                .append(percent("", s.realCaught(), s.realCaught() + s.falseKept(), "")).append(" |\n\n");
        md.append("| verdict | alert | firing before | new rules |\n|---|---|---|---|\n");
        for (Judged j : judged) {
            md.append("| ").append(j.verdict() == Verdict.REAL ? "real" : "false alarm").append(" | `")
                    .append(j.series().replace("|", "\\|")).append("` | ")
                    .append(TimelineDiff.period(j.before().period())).append(" | ").append(fate(j)).append(" |\n");
        }
        return md.toString();
    }

    private static String fate(Judged j) {
        if (!j.stillFires()) {
            return j.verdict() == Verdict.REAL ? "**missed**" : "dropped";
        }
        if (j.change() == null) {
            return "still fires";
        }
        AlertPeriod b = j.change().before();
        AlertPeriod a = j.change().after();
        return "still fires (start " + TimelineDiff.shift(b.start(), a.start()) + ", end "
                + (b.isOpen() || a.isOpen() ? "open" : TimelineDiff.shift(b.end(), a.end())) + ")";
    }

    private static String percent(String before, int n, int of, String after) {
        return of == 0 ? (before.isEmpty() ? "–" : "") : before + Math.round(100.0 * n / of) + "%" + after;
    }
}
