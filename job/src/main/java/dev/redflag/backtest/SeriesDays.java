package dev.redflag.backtest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.eval.FalseAlertBudget;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per rule, the series-days of history it judged (each series it watches, from its first window
 * start to its last window end) and the false alerts its model allows by chance over them: what
 * {@link BacktestTable} puts beside its firings, so "17 firings, at most 0.4 by chance" reads at
 * a glance.
 *
 * @param days   series-days per rule id
 * @param chance the most false alerts expected by chance per rule id; NaN for rules without a model
 */
public record SeriesDays(Map<String, Double> days, Map<String, Double> chance) {

    private static final double DAY = 86_400_000.0;

    public SeriesDays {
        days = Map.copyOf(days);
        chance = Map.copyOf(chance);
    }

    public static SeriesDays of(Iterable<KpiValue> values, RuleSet rules, KpiCatalog catalog) {
        Map<String, long[]> spans = new HashMap<>();
        for (KpiValue v : values) {
            spans.merge(v.seriesKey(), new long[] {v.windowStart(), v.windowEnd()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Map<String, KpiValue> anyValue = new HashMap<>();
        for (KpiValue v : values) {
            anyValue.putIfAbsent(v.seriesKey(), v);
        }
        Map<String, Double> days = new LinkedHashMap<>();
        Map<String, Double> chance = new LinkedHashMap<>();
        for (Rule rule : rules.rules()) {
            KpiSpec spec = catalog.spec(rule.kpi());
            WindowSpec window = rule.window() == null ? spec.windows().get(0) : spec.window(rule.window());
            double total = 0;
            for (Map.Entry<String, KpiValue> e : anyValue.entrySet()) {
                KpiValue v = e.getValue();
                if (v.kpi().equals(rule.kpi()) && v.window().equals(window.label()) && ActiveRules.matches(rule, v)) {
                    long[] span = spans.get(e.getKey());
                    total += (span[1] - span[0]) / DAY;
                }
            }
            days.put(rule.id(), total);
            chance.put(rule.id(), FalseAlertBudget.perSeriesDay(rule, window.slide().toMillis()) * total);
        }
        return new SeriesDays(days, chance);
    }

    /** No history: every rule judged nothing. */
    public static SeriesDays none() {
        return new SeriesDays(Map.of(), Map.of());
    }
}
