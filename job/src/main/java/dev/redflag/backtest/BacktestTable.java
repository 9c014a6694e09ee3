package dev.redflag.backtest;

import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A backtest for people: one row per firing period, then per rule how often and how long it fired,
 * over how many series-days, and (for shift rules) how many of its firings chance alone may
 * explain at most. The per-rule part lists every rule, silent ones too, because "this rule would
 * never have fired" is as much a finding as a noisy one.
 */
public final class BacktestTable {

    private BacktestTable() {
    }

    /**
     * @param closing last line, e.g. where the chart went or how to get one; null for none
     */
    public static String render(RuleSet rules, Timeline timeline, Peaks peaks, HistorySpan span, SeriesDays seriesDays,
                                String closing) {
        StringBuilder out = new StringBuilder();
        if (timeline.periods().isEmpty()) {
            out.append("No alert fired.\n");
        } else {
            TextTable periods = new TextTable("ALERT", "LABELS", "FROM", "TO", "PEAK", "NOTES");
            for (FiringPeriod p : timeline.periods()) {
                periods.row(p.alert(), labels(p.series().dims()), Instant.ofEpochMilli(p.start()).toString(),
                        p.isOpen() ? "still firing" : Instant.ofEpochMilli(p.end()).toString(),
                        peaks.text(p), String.join(", ", p.notes()));
            }
            periods.appendTo(out);
        }
        out.append('\n');
        TextTable perRule = new TextTable("RULE", "SEVERITY", "PERIODS", "FIRING HOURS", "PENDING ONLY", "SERIES-DAYS",
                "BY CHANCE");
        int firedRules = 0;
        Duration total = Duration.ZERO;
        for (Rule rule : rules.rules()) {
            List<FiringPeriod> fired = timeline.of(rule.id());
            Duration firing = fired.stream().map(p -> p.firingFor(span.end())).reduce(Duration.ZERO, Duration::plus);
            total = total.plus(firing);
            firedRules += fired.isEmpty() ? 0 : 1;
            double chance = seriesDays.chance().getOrDefault(rule.id(), Double.NaN);
            perRule.row(rule.id(), rule.severity(), Integer.toString(fired.size()), hours(firing),
                    Integer.toString(timeline.pendingNotFired().getOrDefault(rule.id(), 0)),
                    String.format(Locale.ROOT, "%.1f", seriesDays.days().getOrDefault(rule.id(), 0.0)),
                    Double.isNaN(chance) ? "-" : String.format(Locale.ROOT, "<= %.2f", chance));
        }
        perRule.appendTo(out);
        out.append(String.format(Locale.ROOT, "%s evaluated (version %s) over %s: %s from %s, %s firing hours.%n",
                count(rules.rules().size(), "rule"), rules.version(), span,
                count(timeline.periods().size(), "firing period"), count(firedRules, "rule"), hours(total)));
        if (closing != null) {
            out.append(closing).append('\n');
        }
        return out.toString();
    }

    static String labels(Map<String, String> dims) {
        return dims.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 3_600_000.0);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
