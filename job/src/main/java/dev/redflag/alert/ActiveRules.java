package dev.redflag.alert;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Matcher;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.eval.Lookback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule set made ready for evaluation: rules indexed by the KPI series they watch (KPI and window;
 * a rule without a window watches the KPI's first), annotation templates compiled once, and the
 * history each series must keep. Built when a rule set is accepted, never per value.
 */
public final class ActiveRules {

    private final RuleSet rules;
    private final Map<String, List<Rule>> byKpiWindow = new HashMap<>();
    private final Map<String, Map<String, AnnotationTemplate>> templates = new HashMap<>();
    private final Map<String, Integer> lookbacks = new HashMap<>();

    public ActiveRules(RuleSet rules, KpiCatalog catalog) {
        this.rules = rules;
        for (Rule rule : rules.rules()) {
            KpiSpec spec = catalog.spec(rule.kpi());
            WindowSpec window = rule.window() == null ? spec.windows().get(0) : spec.window(rule.window());
            String key = key(rule.kpi(), window.label());
            byKpiWindow.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
            lookbacks.merge(key, Lookback.of(rule, window.slide().toMillis()), Math::max);
            Map<String, AnnotationTemplate> compiled = new LinkedHashMap<>();
            rule.annotations().forEach((name, text) -> compiled.put(name, AnnotationTemplate.compile(text)));
            templates.put(rule.id(), compiled);
        }
    }

    public RuleSet ruleSet() {
        return rules;
    }

    /** The rules of this set that {@code next} no longer has: their alerts must resolve. */
    public List<Rule> droppedIn(ActiveRules next) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        next.rules.rules().forEach(r -> kept.add(r.id()));
        return rules.rules().stream().filter(r -> !kept.contains(r.id())).toList();
    }

    /** The rules that judge this series' values: same KPI and window, all matchers pass (stream-wide absent rules excluded). */
    public List<Rule> matching(KpiValue value) {
        List<Rule> candidates = byKpiWindow.get(key(value.kpi(), value.window()));
        if (candidates == null) {
            return List.of();
        }
        List<Rule> out = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            if (!isStreamAbsent(rule) && matches(rule, value.dims())) {
                out.add(rule);
            }
        }
        return out;
    }

    /** The absent rules of this KPI and window that watch the whole KPI rather than one series. */
    public List<Rule> streamAbsent(String kpi, String window) {
        List<Rule> candidates = byKpiWindow.getOrDefault(key(kpi, window), List.of());
        return candidates.stream().filter(ActiveRules::isStreamAbsent).toList();
    }

    public static boolean isStreamAbsent(Rule rule) {
        return rule.condition() instanceof Condition.Absent a && a.wholeStream();
    }

    /** Whether a series' dims pass the rule's matchers. */
    public static boolean matches(Rule rule, KpiValue value) {
        return matches(rule, value.dims());
    }

    /** How many past windows a series of this KPI and window must keep for its rules. */
    public int lookback(String kpi, String window) {
        return lookbacks.getOrDefault(key(kpi, window), 0);
    }

    public Map<String, AnnotationTemplate> templates(String ruleId) {
        return templates.getOrDefault(ruleId, Map.of());
    }

    private static boolean matches(Rule rule, Map<String, String> dims) {
        for (Matcher m : rule.matchers()) {
            if (!m.matches(dims.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static String key(String kpi, String window) {
        return kpi + '\u001f' + window;
    }
}
