package dev.redflag.scorecard;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.SeriesInMemory;
import dev.redflag.alert.SeriesStep;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiValue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates one scenario and plays its values through {@link SeriesStep}, the per-series step of
 * the live rule operator, in the order the KPI operator would deliver them, then moves time on to
 * the history's end; the FIRING transitions are its outcome.
 */
final class ScenarioRun {

    private ScenarioRun() {
    }

    /** The values of the scenario, in arrival order: the same for the same scenario (seed) every time. */
    static List<KpiValue> values(Scenario s, GeneratedSeries series) {
        Variates random = new Variates(new SplittableRandom(s.seed()));
        HourEvents[] hours = s.model().hours(s, random);
        return Delivery.arrivals(s, series, hours, random);
    }

    static Outcome run(Scenario s, ScorecardRules rules, AlertLifecycle lifecycle) throws Exception {
        String kpi = s.model().kpi();
        ActiveRules active = rules.active(kpi);
        SeriesStep step = new SeriesStep(lifecycle);
        SeriesInMemory state = new SeriesInMemory();
        List<Firing> firings = new ArrayList<>();
        for (KpiValue v : values(s, rules.series(kpi))) {
            collect(step.value(active, state, v), rules, firings);
        }
        collect(step.time(active, state, s.end()), rules, firings);
        return new Outcome(s, s.quiet() ? Double.NaN : s.model().effectSize(s), firings);
    }

    private static void collect(List<AlertEvent> events, ScorecardRules rules, List<Firing> firings) {
        for (AlertEvent e : events) {
            if (e.phase() == Transition.Phase.FIRING) {
                firings.add(new Firing(e.ruleId(), e.transition().at(), rules.directions(e.ruleId())));
            }
        }
    }
}
