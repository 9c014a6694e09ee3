package dev.redflag.scorecard;

import dev.redflag.alert.AlertLifecycle;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The detection scorecard: synthetic hourly histories of each KPI over a grid of volumes and
 * incidents (and quiet histories), played through the rules with the live rule step, tallied into
 * detection rate, time to detect and false alerts by KPI and volume, against issue 15's targets.
 * The same seeds give the same scorecard, whatever the number of threads.
 */
public final class Scorecard {

    private final List<Outcome> outcomes;
    private final ScorecardReport report;
    private final ScorecardRules rules;

    private Scorecard(List<Outcome> outcomes, ScorecardRules rules) {
        this.outcomes = List.copyOf(outcomes);
        this.report = ScorecardReport.of(outcomes);
        this.rules = rules;
    }

    /**
     * Runs the grid.
     *
     * @param rules   the rule set (the rules on the KPIs' 1h windows run; absence rules do not)
     * @param catalog the KPI definitions; the grid's KPIs they lack, or define without a 1h window, are left out
     * @param seeds   how many times each scenario runs, with different seeds
     * @param threads scenarios run at once
     * @throws IllegalArgumentException when no KPI of the grid can be generated
     */
    public static Scorecard run(RuleSet rules, KpiCatalog catalog, int seeds, int threads) throws Exception {
        return ofModels(Grid.MODELS, rules, catalog, seeds, threads);
    }

    /**
     * Runs the grid's scenarios of some KPIs only, for tuning the rules of one.
     *
     * @param kpis names of KPIs of the grid ({@link #kpis()})
     * @throws IllegalArgumentException naming a KPI the grid does not have
     */
    public static Scorecard run(List<String> kpis, RuleSet rules, KpiCatalog catalog, int seeds, int threads)
            throws Exception {
        for (String kpi : kpis) {
            if (!kpis().contains(kpi)) {
                throw new IllegalArgumentException("the scorecard has no KPI " + kpi + "; it has "
                        + String.join(", ", kpis()));
            }
        }
        return ofModels(Grid.MODELS.stream().filter(m -> kpis.contains(m.kpi())).toList(), rules, catalog, seeds,
                threads);
    }

    /** The KPIs of the grid, in the report's order. */
    public static List<String> kpis() {
        return Grid.kpis(Grid.MODELS);
    }

    static Scorecard ofModels(List<KpiModel> models, RuleSet rules, KpiCatalog catalog, int seeds, int threads)
            throws Exception {
        ScorecardRules kept = new ScorecardRules(rules, catalog, Grid.kpis(models));
        List<KpiModel> generated = models.stream().filter(m -> kept.generates(m.kpi())).toList();
        if (generated.isEmpty()) {
            throw new IllegalArgumentException("no KPI of the grid can be generated: "
                    + String.join(", ", kept.notGenerated()));
        }
        return new Scorecard(outcomes(Grid.scenarios(generated, seeds), kept, threads), kept);
    }

    private static List<Outcome> outcomes(List<Scenario> scenarios, ScorecardRules rules, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Outcome>> futures = new ArrayList<>(scenarios.size());
            for (Scenario s : scenarios) {
                futures.add(pool.submit(() -> ScenarioRun.run(s, rules, AlertLifecycle.DEFAULT)));
            }
            List<Outcome> outcomes = new ArrayList<>(futures.size());
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    ScorecardReport report() {
        return report;
    }

    public boolean meetsTargets() {
        return report.targets().met();
    }

    public int scenarios() {
        return outcomes.size();
    }

    /** Each missed incident of at least 5 SE and each false alert of a quiet history, one line each. */
    public String details() {
        return Details.of(outcomes);
    }

    public String table() {
        return report.table() + '\n' + footer("");
    }

    public String markdown() {
        return report.markdown() + '\n' + footer("- ");
    }

    public String csv() {
        return report.csv();
    }

    /** The targets, the rules run per KPI and the rules not exercised. */
    private String footer(String bullet) {
        StringBuilder out = new StringBuilder();
        out.append(outcomes.size()).append(" scenarios. Targets:\n");
        report.targets().lines().forEach(l -> out.append(bullet.isEmpty() ? "  " : bullet).append(l).append('\n'));
        out.append("\nRules run per KPI: ");
        List<String> counts = new ArrayList<>();
        rules.counts().forEach((kpi, n) -> counts.add(kpi + " " + n));
        out.append(String.join(", ", counts)).append(".\n");
        if (!rules.notGenerated().isEmpty()) {
            out.append("Not generated: ").append(String.join(", ", rules.notGenerated())).append(".\n");
        }
        if (!rules.notExercised().isEmpty()) {
            out.append("Not exercised (the scorecard generates 1h windows): ")
                    .append(String.join(", ", rules.notExercised())).append(".\n");
        }
        return out.toString();
    }
}
