package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.pipeline.OfflineKpis;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleSet;

import java.util.List;

/**
 * One rule set replayed over one history through the live job's operators ({@link OfflineKpis}),
 * with the transitions folded into firing periods: the unit both a plain backtest and a comparison
 * of two rule sets are made of.
 *
 * <p>Transitions after the end of the history (the last KPI window end) are left out. The end of
 * the input moves event time to infinity, so every {@code absent} rule would fire
 * and every {@code keep_firing_for} would run out just because the file ends; an alert firing when
 * the history ends stays "still firing" instead.
 *
 * @param rules       the validated rule set (its rules, ids and version name the report's rows)
 * @param result      KPI values, rejected records and every alert transition of the run
 * @param transitions the transitions within the history, in time order
 * @param seriesDays  per rule, the series-days it judged and the firings chance may explain
 */
public record Backtest(RuleSet rules, OfflineKpis.Result result, HistorySpan span, List<AlertEvent> transitions,
                       Timeline timeline, Peaks peaks, SeriesDays seriesDays) {

    /**
     * @param bundle the rule files as the job receives them
     * @param rules  {@code bundle}, already validated against {@code catalog}
     */
    public static Backtest run(History history, JobConfig config, KpiCatalog catalog, RuleBundle bundle,
                               RuleSet rules) throws Exception {
        OfflineKpis.Result result = OfflineKpis.run(history.name(), history.records(), config, catalog, bundle);
        return of(rules, result, catalog);
    }

    /** The backtest of a finished run. */
    public static Backtest of(RuleSet rules, OfflineKpis.Result result, KpiCatalog catalog) {
        HistorySpan span = HistorySpan.of(result.values());
        List<AlertEvent> within = result.alerts().stream()
                .filter(a -> !span.isEmpty() && a.transition().at() <= span.end()).toList();
        return new Backtest(rules, result, span, within, Timeline.of(within, catalog),
                new Peaks(result.values(), rules, catalog), SeriesDays.of(result.values(), rules, catalog));
    }

    /** How many transitions came after the end of the history and were left out. */
    public int afterEnd() {
        return result.alerts().size() - transitions.size();
    }
}
