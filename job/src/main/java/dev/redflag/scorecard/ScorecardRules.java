package dev.redflag.scorecard;

import dev.redflag.alert.ActiveRules;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a scorecard runs, per KPI: those of the rule set on the KPI's 1h window (what the
 * scenarios generate), with the ways each watches. Absence rules are left out: the histories'
 * outages are deliberate, and a rule that reports them is right to, so they are neither
 * detections nor false alerts. Rules on other windows are listed as not exercised.
 */
final class ScorecardRules {

    private final KpiCatalog catalog;
    private final Map<String, ActiveRules> byKpi = new HashMap<>();
    private final Map<String, GeneratedSeries> series = new HashMap<>();
    private final Map<String, Set<Direction>> directions = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<String> notExercised = new ArrayList<>();

    ScorecardRules(RuleSet rules, KpiCatalog catalog, List<String> kpis) {
        this.catalog = catalog;
        for (String kpi : kpis) {
            if (!catalog.contains(kpi)) {
                throw new IllegalArgumentException("the KPI definitions have no " + kpi
                        + ": the scorecard generates the seed catalog's KPIs and signups (alerts-config/kpis.yaml)");
            }
            KpiSpec spec = catalog.spec(kpi);
            series.put(kpi, GeneratedSeries.of(spec));
            List<Rule> kept = new ArrayList<>();
            for (Rule rule : rules.byKpi(kpi)) {
                if (rule.condition() instanceof Condition.Absent) {
                    continue;
                }
                WindowSpec window = rule.window() == null ? spec.windows().get(0) : spec.window(rule.window());
                if (!GeneratedSeries.HOURLY.equals(window)) {
                    notExercised.add(rule.id() + " (window " + window.label() + ")");
                    continue;
                }
                kept.add(rule);
                directions.put(rule.id(), RuleDirections.of(rule.condition()));
            }
            counts.put(kpi, kept.size());
            byKpi.put(kpi, new ActiveRules(new RuleSet(kept, rules.groups(), rules.files(), rules.version()),
                    catalog));
        }
    }

    ActiveRules active(String kpi) {
        return byKpi.get(kpi);
    }

    GeneratedSeries series(String kpi) {
        return series.get(kpi);
    }

    Set<Direction> directions(String ruleId) {
        return directions.get(ruleId);
    }

    /** Rules kept per KPI, in the order the KPIs were given. */
    Map<String, Integer> counts() {
        return counts;
    }

    List<String> notExercised() {
        return notExercised;
    }

    KpiCatalog catalog() {
        return catalog;
    }
}
