package dev.redflag.backtest;

import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names alert timelines for comparing two rule sets: {@code Alert{dim="value",...}} with the dims
 * of the KPI series the alert watches. Labels that every alert of a rule shares (severity, team
 * and other rule or group labels, kpi, window) are left out, so changing them does not make a
 * period look removed and added again; only the alert name and the series tell alerts apart. An
 * alert name used by more than one group gets its group in front ({@code group/Alert{...}}), so two
 * rules never share a timeline.
 */
public final class SeriesNames {

    private final Set<String> ambiguous;

    /** @param sets every rule set whose periods will be named (both sides of a comparison) */
    public SeriesNames(RuleSet... sets) {
        Map<String, Set<String>> groupsByAlert = new HashMap<>();
        for (RuleSet set : sets) {
            for (Rule r : set.rules()) {
                groupsByAlert.computeIfAbsent(r.alert(), a -> new HashSet<>()).add(r.group());
            }
        }
        ambiguous = new HashSet<>();
        groupsByAlert.forEach((alert, groups) -> {
            if (groups.size() > 1) {
                ambiguous.add(alert);
            }
        });
    }

    public String of(FiringPeriod p) {
        String alert = ambiguous.contains(p.alert()) ? p.ruleId() : p.alert();
        return alert + AlertSeries.braces(p.series().dims());
    }

    /** The periods of a timeline by series name, as {@link TimelineDiff#between} takes them. */
    public Map<String, List<AlertPeriod>> periods(Timeline timeline) {
        Map<String, List<AlertPeriod>> out = new TreeMap<>();
        for (FiringPeriod p : timeline.periods()) {
            out.computeIfAbsent(of(p), k -> new ArrayList<>()).add(p.period());
        }
        return out;
    }
}
