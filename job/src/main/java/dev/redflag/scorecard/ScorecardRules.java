package dev.redflag.scorecard;

import dev.redflag.alert.ActiveRules;
import dev.redflag.kpi.KpiCatalog;
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
 * The rules a scorecard runs, per KPI: those of the rule set that judge the generated series (its
 * 1h window and dims), with the ways each watches. Absence rules are left out: the histories'
 * outages are deliberate, and a rule that reports them is right to, so they are neither
 * detections nor false alerts. Rules on other windows, or whose matchers the generated series
 * does not pass, are listed as not exercised; KPIs the definitions lack (or define without a 1h
 * window) are left out of the grid and listed too.
 */
final class ScorecardRules {

    /** Sums of a window with one event, to ask which rules a generated series' values meet. */
    private static final Sums PROBE = new Sums(1, 1, 1, 1, 1, 1);

    private final Map<String, ActiveRules> byKpi = new HashMap<>();
    private final Map<String, GeneratedSeries> series = new HashMap<>();
    private final Map<String, Set<Direction>> directions = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<String> notExercised = new ArrayList<>();
    private final List<String> notGenerated = new ArrayList<>();

    ScorecardRules(RuleSet rules, KpiCatalog catalog, List<String> kpis) {
        for (String kpi : kpis) {
            if (!catalog.contains(kpi)) {
                notGenerated.add(kpi + " (not in the KPI definitions)");
                continue;
            }
            GeneratedSeries generated;
            try {
                generated = GeneratedSeries.of(catalog.spec(kpi));
            } catch (IllegalArgumentException e) {
                notGenerated.add(kpi + " (" + e.getMessage() + ")");
                continue;
            }
            series.put(kpi, generated);
            List<Rule> candidates = rules.byKpi(kpi).stream()
                    .filter(r -> !(r.condition() instanceof Condition.Absent)).toList();
            ActiveRules active = new ActiveRules(new RuleSet(candidates, rules.groups(), rules.files(),
                    rules.version()), catalog);
            // the rules that judge the generated series are those the live step would pick for its values
            List<Rule> judged = active.matching(generated.value(0, Scenario.HOUR, PROBE));
            for (Rule rule : candidates) {
                if (judged.contains(rule)) {
                    directions.put(rule.id(), RuleDirections.of(rule.condition()));
                } else {
                    notExercised.add(rule.id() + " (" + whyNot(rule) + ")");
                }
            }
            counts.put(kpi, judged.size());
            byKpi.put(kpi, active);
        }
    }

    private static String whyNot(Rule rule) {
        if (rule.window() != null && !rule.window().equals(GeneratedSeries.HOURLY.label())) {
            return "window " + rule.window();
        }
        return rule.matchers().isEmpty() ? "not judged on 1h windows"
                : "matchers " + rule.matchers().stream().map(Object::toString).toList();
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

    /** Whether the KPI's series can be generated: in the definitions, with a 1h window. */
    boolean generates(String kpi) {
        return series.containsKey(kpi);
    }

    /** The grid's KPIs left out, each with the reason. */
    List<String> notGenerated() {
        return notGenerated;
    }

    List<String> notExercised() {
        return notExercised;
    }
}
