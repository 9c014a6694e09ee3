package dev.redflag.report;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.feedback.Verdict;
import dev.redflag.backtest.FiringPeriod;
import dev.redflag.backtest.SeriesNames;
import dev.redflag.backtest.Timeline;
import dev.redflag.backtest.Verdicts;
import dev.redflag.kpi.KpiCatalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the alerts of a stretch of time amounted to, as the weekly digest shows it: the firing
 * periods that started in {@code [from, until)} per rule, how people judged them (precision =
 * real / (real + false alarm), over the judged periods only), how long they took to acknowledge
 * (from firing to the first Acknowledge), the noisiest series, and the rules that never fired.
 * Transitions after {@code until} are not looked at, so a period still firing then is open, and
 * shadow rules are left out: their alerts reach no one, so no one can judge them.
 *
 * @param rules      one line per rule that fired, most firing periods first
 * @param noisiest   the series with the most firing periods, at most {@link #NOISIEST}
 * @param neverFired ids of the rules given that fired no period; null when no rules were given
 * @param total      the sums over every rule
 */
public record Digest(Instant from, Instant until, List<RuleLine> rules, List<SeriesLine> noisiest,
                     List<String> neverFired, RuleLine total, int stillFiring) {

    /** How many series the digest names as the noisiest. */
    public static final int NOISIEST = 5;

    /**
     * One rule's firing periods.
     *
     * @param medianToAcknowledge null when none was acknowledged
     */
    public record RuleLine(String ruleId, int periods, int series, Duration firing, int real, int falseAlarms,
                           int acknowledged, Duration medianToAcknowledge) {

        /** real / (real + false alarms); empty when no period was judged. */
        public Optional<Double> precision() {
            int judged = real + falseAlarms;
            return judged == 0 ? Optional.empty() : Optional.of((double) real / judged);
        }
    }

    /** One series (alert name and the KPI series' dimensions) and how often it fired. */
    public record SeriesLine(String series, String ruleId, int periods, Duration firing) {
    }

    public Digest {
        rules = List.copyOf(rules);
        noisiest = List.copyOf(noisiest);
        neverFired = neverFired == null ? null : List.copyOf(neverFired);
    }

    /**
     * @param transitions every transition read, in the order written
     * @param ruleIds     the ids of the rules in force, for "never fired"; null when unknown
     */
    public static Digest of(Collection<AlertEvent> transitions, Verdicts verdicts, Set<String> ruleIds,
                            Instant from, Instant until, KpiCatalog catalog) {
        long end = until.toEpochMilli();
        List<AlertEvent> seen = transitions.stream()
                .filter(e -> !e.shadow() && e.transition().at() < end).toList();
        List<FiringPeriod> periods = Timeline.of(seen, catalog).periods().stream()
                .filter(p -> p.start() >= from.toEpochMilli() && p.start() < end).toList();
        SeriesNames names = new SeriesNames();

        Map<String, List<FiringPeriod>> byRule = new TreeMap<>();
        Map<String, List<FiringPeriod>> bySeries = new TreeMap<>();
        for (FiringPeriod p : periods) {
            byRule.computeIfAbsent(p.ruleId(), k -> new ArrayList<>()).add(p);
            bySeries.computeIfAbsent(names.of(p), k -> new ArrayList<>()).add(p);
        }
        List<RuleLine> rules = new ArrayList<>();
        byRule.forEach((rule, ps) -> rules.add(line(rule, ps, verdicts, end, names)));
        rules.sort(Comparator.comparingInt(RuleLine::periods).reversed().thenComparing(RuleLine::ruleId));

        List<SeriesLine> series = new ArrayList<>();
        bySeries.forEach((name, ps) ->
                series.add(new SeriesLine(name, ps.get(0).ruleId(), ps.size(), firing(ps, end))));
        series.sort(Comparator.comparingInt(SeriesLine::periods).reversed()
                .thenComparing(SeriesLine::firing, Comparator.reverseOrder()).thenComparing(SeriesLine::series));

        List<String> never = null;
        if (ruleIds != null) {
            Set<String> silent = new TreeSet<>(ruleIds);
            silent.removeAll(byRule.keySet());
            never = List.copyOf(silent);
        }
        int open = (int) periods.stream().filter(FiringPeriod::isOpen).count();
        return new Digest(from, until, rules, series.subList(0, Math.min(NOISIEST, series.size())), never,
                line(null, periods, verdicts, end, names), open);
    }

    private static RuleLine line(String ruleId, List<FiringPeriod> periods, Verdicts verdicts, long end,
                                 SeriesNames names) {
        int real = 0;
        int falseAlarms = 0;
        List<Duration> toAcknowledge = new ArrayList<>();
        for (FiringPeriod p : periods) {
            Optional<Verdict> v = verdicts.verdict(p.fingerprint(), p.start());
            if (v.isPresent()) {
                if (v.get() == Verdict.REAL) {
                    real++;
                } else {
                    falseAlarms++;
                }
            }
            verdicts.acknowledged(p.fingerprint(), p.start()).ifPresent(at ->
                    toAcknowledge.add(Duration.ofMillis(Math.max(0, at.toEpochMilli() - p.start()))));
        }
        int series = (int) periods.stream().map(names::of).distinct().count();
        return new RuleLine(ruleId, periods.size(), series, firing(periods, end), real, falseAlarms,
                toAcknowledge.size(), median(toAcknowledge));
    }

    private static Duration firing(List<FiringPeriod> periods, long end) {
        return periods.stream().map(p -> p.firingFor(end)).reduce(Duration.ZERO, Duration::plus);
    }

    /** The middle value, or the mean of the two middle ones; null for none. */
    static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
