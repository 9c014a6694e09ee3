package dev.redflag.alert;

import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.labels.Labels;
import dev.redflag.rules.AnnotationTemplate;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.eval.Lookback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule set made ready for evaluation: rules indexed by the KPI series they watch (KPI and window;
 * a rule without a window watches the KPI's first), annotation templates compiled once, and the
 * history each series must keep. Built when a rule set is accepted, never per value.
 */
public final class ActiveRules {

    /**
     * The rules of one KPI and window, split once so that a value meets only the rules about its
     * series: looked up by KPI, then window, with no key string built per value.
     *
     * @param series       the rules judged on each series' values, in rule-set order
     * @param anyMatchers  whether any of them has matchers; if none does, every series gets
     *                     {@code series} itself and no list is built per value
     * @param streamAbsent the absent rules about the whole KPI
     * @param lookback     the largest lookback of the rules, in windows
     * @param anySliced    whether any of them judges slices ({@link #judgesSlices(Rule)}); if none
     *                     does, no series of the KPI and window keeps a slice baseline
     */
    private record Bucket(List<Rule> series, boolean anyMatchers, List<Rule> streamAbsent, int lookback,
                          boolean anySliced) {
    }

    private final RuleSet rules;
    private final Map<String, Map<String, Bucket>> byKpiWindow = new HashMap<>();
    private final Map<String, Map<String, AnnotationTemplate>> templates = new HashMap<>();
    /** Each rule's id built once: alert states are looked up by it per rule and value. */
    private final Map<Rule, String> ids = new IdentityHashMap<>();
    /** How each watched KPI's numbers read in alerts, looked up per transition. */
    private final Map<String, KpiFormat> formats = new HashMap<>();
    private final String currency;
    /** What each watched KPI's denominator counts ({@code sessions}), for the "Why" of its alerts. */
    private final Map<String, String> counted = new HashMap<>();
    /** Each watched KPI's examples, for its firings. */
    private final Map<String, ExampleSpec> examples = new HashMap<>();
    /** Each rule's KPI's unit, for the charts of its alerts. */
    private final Map<String, String> units = new HashMap<>();

    public ActiveRules(RuleSet rules, KpiCatalog catalog) {
        this.currency = catalog.currency();
        this.rules = rules;
        Map<String, Map<String, List<Rule>>> grouped = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> lookbacks = new HashMap<>();
        for (Rule rule : rules.rules()) {
            KpiSpec spec = catalog.spec(rule.kpi());
            units.put(rule.kpi(), spec.unit());
            WindowSpec window = rule.window() == null ? spec.windows().get(0) : spec.window(rule.window());
            grouped.computeIfAbsent(rule.kpi(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(window.label(), w -> new ArrayList<>()).add(rule);
            lookbacks.computeIfAbsent(rule.kpi(), k -> new HashMap<>())
                    .merge(window.label(), Lookback.of(rule, window.slide().toMillis()), Math::max);
            Map<String, AnnotationTemplate> compiled = new LinkedHashMap<>();
            rule.annotations().forEach((name, text) -> compiled.put(name, AnnotationTemplate.compile(text)));
            templates.put(rule.id(), compiled);
            ids.put(rule, rule.id());
            formats.computeIfAbsent(rule.kpi(), catalog::format);
            counted.computeIfAbsent(rule.kpi(), k -> countedAs(spec));
            examples.put(rule.kpi(), spec.examples());
        }
        grouped.forEach((kpi, windows) -> windows.forEach((window, list) -> {
            List<Rule> series = list.stream().filter(r -> !isStreamAbsent(r)).toList();
            boolean anyMatchers = series.stream().anyMatch(r -> !r.matchers().isEmpty());
            List<Rule> streamAbsent = list.stream().filter(ActiveRules::isStreamAbsent).toList();
            boolean anySliced = series.stream().anyMatch(ActiveRules::judgesSlices);
            byKpiWindow.computeIfAbsent(kpi, k -> new HashMap<>()).put(window,
                    new Bucket(series, anyMatchers, streamAbsent, lookbacks.get(kpi).get(window), anySliced));
        }));
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
        Bucket bucket = bucket(value.kpi(), value.window());
        if (bucket == null) {
            return List.of();
        }
        if (!bucket.anyMatchers()) {
            return bucket.series();
        }
        List<Rule> out = new ArrayList<>(bucket.series().size());
        for (Rule rule : bucket.series()) {
            if (matches(rule, value.dims())) {
                out.add(rule);
            }
        }
        return out;
    }

    /** A shift with {@code slices:}: the rule judges the slices of its series' values. */
    public static boolean judgesSlices(Rule rule) {
        return rule.condition() instanceof Condition.Shift s && !s.slices().isEmpty();
    }

    /**
     * Whether a rule of this set judges the slices of this series (KPI, window, dims): only such a
     * series keeps a slice baseline. Per value without a list built: false at once for a KPI and
     * window none of whose rules has {@code slices:}.
     */
    public boolean judgesSlices(String kpi, String window, Map<String, String> dims) {
        Bucket bucket = bucket(kpi, window);
        if (bucket == null || !bucket.anySliced()) {
            return false;
        }
        for (Rule rule : bucket.series()) {
            if (judgesSlices(rule) && matches(rule, dims)) {
                return true;
            }
        }
        return false;
    }

    /** The absent rules of this KPI and window that watch the whole KPI rather than one series. */
    public List<Rule> streamAbsent(String kpi, String window) {
        Bucket bucket = bucket(kpi, window);
        return bucket == null ? List.of() : bucket.streamAbsent();
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
        Bucket bucket = bucket(kpi, window);
        return bucket == null ? 0 : bucket.lookback();
    }

    /** {@link Rule#id()} of a rule of this set, without building the string again (and its hash). */
    public String id(Rule rule) {
        String id = ids.get(rule);
        return id != null ? id : rule.id();
    }

    /** How a KPI's numbers read in alerts; plain for a KPI no rule of this set watches. */
    public KpiFormat format(String kpi) {
        return formats.getOrDefault(kpi, KpiFormat.PLAIN);
    }

    /** How an example's field reads in alerts: money with the catalog's currency, seconds as a duration. */
    public KpiFormat fieldFormat(String field) {
        return KpiFormat.ofEventField(field, currency);
    }

    /** What a KPI's denominator counts, in words: {@code sessions}, {@code answers}; {@code events} when unknown. */
    public String countedAs(String kpi) {
        return counted.getOrDefault(kpi, "events");
    }

    private static String countedAs(KpiSpec spec) {
        if (spec.inputs().isEmpty()) {
            return "events";
        }
        return switch (spec.inputs().get(0).type()) {
            case NPS -> "answers";
            case EMAIL -> "e-mails";
            case AD_SPEND -> "ad spend records";
            case WALLET -> "wallet events";
            case METRIC -> "samples";
            default -> spec.inputs().get(0).type().wireName() + "s";
        };
    }

    /** The unit of a KPI some rule watches ({@code ratio}, {@code count}, ...); null for another. */
    /** The examples {@code kpi} keeps; {@link ExampleSpec#NONE} when it keeps none or no rule watches it. */
    public ExampleSpec examples(String kpi) {
        return examples.getOrDefault(kpi, ExampleSpec.NONE);
    }

    public String unit(String kpi) {
        return units.get(kpi);
    }

    public Map<String, AnnotationTemplate> templates(String ruleId) {
        return templates.getOrDefault(ruleId, Map.of());
    }

    private static boolean matches(Rule rule, Map<String, String> dims) {
        return Labels.matchAll(rule.matchers(), dims);
    }

    private Bucket bucket(String kpi, String window) {
        Map<String, Bucket> windows = byKpiWindow.get(kpi);
        return windows == null ? null : windows.get(window);
    }
}
