package dev.redflag.backtest;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.pipeline.OfflineKpis;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleSet;

/**
 * One rule set replayed over one history through the live job's operators (in batch mode), with
 * the transitions folded into firing periods: the unit both a plain backtest and a comparison of
 * two rule sets are made of.
 *
 * @param rules  the validated rule set (its rules, ids and version name the report's rows)
 * @param result KPI values, rejected records and alert transitions of the run
 */
public record Backtest(RuleSet rules, OfflineKpis.Result result, Timeline timeline, Peaks peaks, HistorySpan span) {

    /**
     * @param bundle the rule files as the job receives them
     * @param rules  {@code bundle}, already validated against {@code catalog}
     */
    public static Backtest run(History history, JobConfig config, KpiCatalog catalog, RuleBundle bundle,
                               RuleSet rules) throws Exception {
        OfflineKpis.Result result = OfflineKpis.run(history.name(), history.records(), config, catalog, bundle);
        return new Backtest(rules, result, Timeline.of(result.alerts(), catalog),
                new Peaks(result.values(), rules), HistorySpan.of(result.values()));
    }
}
