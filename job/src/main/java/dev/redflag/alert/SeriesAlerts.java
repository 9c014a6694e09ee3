package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.ValueText;
import dev.redflag.rules.AnnotationTemplate;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.Judgement;
import dev.redflag.rules.eval.RuleChart;
import dev.redflag.rules.eval.RuleEvaluator;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything that happens to the alerts of one KPI series when a value arrives or time passes:
 * judge each rule, step its alert, render the transitions. The Flink operators, backtests and
 * {@code redflag test} all reach it through {@link SeriesStep}, each keeping history and states
 * where it likes, so "backtest equals live" holds by construction; only the judgement of one value
 * ({@link #onValue}, what the benchmarks measure) and a rule's removal are called directly.
 */
public final class SeriesAlerts {

    /** Where the alert states of one series live (Flink map state, or a map in tests). */
    public interface States {
        AlertState get(String ruleId) throws Exception;

        void put(String ruleId, AlertState state) throws Exception;

        void remove(String ruleId) throws Exception;
    }

    private final AlertLifecycle lifecycle;
    private final ExampleIds exampleIds;

    public SeriesAlerts(AlertLifecycle lifecycle) {
        this(lifecycle, ExampleIds.NONE);
    }

    /** Alerts whose examples' IDs are hashed under {@code exampleIds}' key (none: hashed IDs are left out). */
    public SeriesAlerts(AlertLifecycle lifecycle, ExampleIds exampleIds) {
        this.lifecycle = lifecycle;
        this.exampleIds = exampleIds;
    }

    /**
     * A new (or re-emitted) value of the series: judges every value-based rule that matches it,
     * then adds the value to the history.
     */
    public List<AlertEvent> onValue(ActiveRules active, SeriesHistory history, States states, KpiValue value)
            throws Exception {
        return onValue(active, history, null, states, value);
    }

    /**
     * As {@link #onValue(ActiveRules, SeriesHistory, States, KpiValue)}, for a sliced KPI with the
     * baseline of its slices ({@code slices}, null when the KPI is not sliced or no rule judges the
     * series' slices): shift rules with {@code slices:} are judged on them too, every firing of the
     * series carries what explains the change ({@link AlertEvent#WHY}), and the value's slices join
     * the baseline.
     */
    public List<AlertEvent> onValue(ActiveRules active, SeriesHistory history, SliceBaseline slices, States states,
                                    KpiValue value) throws Exception {
        List<AlertEvent> events = new ArrayList<>();
        SliceAnalysis analysis = slices == null || value.slices().isEmpty() ? null : new SliceAnalysis(slices, value);
        for (Rule rule : active.matching(value)) {
            String id = active.id(rule);
            Step step;
            String slice = null;
            if (rule.condition() instanceof Condition.Absent) {
                // data is back: an absent alert stops holding
                Judgement present = RuleEvaluator.absent(rule, value.windowEnd(), value.windowEnd());
                step = lifecycle.step(rule, state(states, id), present, null, value);
            } else {
                // an alert that held and resolved was raised on its windows: only later ones may raise it anew
                long spentUntil = state(states, id).spentUntil();
                Judgement judgement = RuleEvaluator.judge(rule, history, value, spentUntil);
                if (analysis != null) {
                    SliceAnalysis.Judged judged = analysis.judge(rule.condition(), judgement, spentUntil);
                    judgement = judged.judgement();
                    slice = judged.slice();
                }
                Judgement recovery = RuleEvaluator.judgeRecovery(rule, history, value);
                step = lifecycle.step(rule, state(states, id), judgement, recovery, value);
            }
            save(states, id, step.state());
            for (Transition t : step.transitions()) {
                Map<String, String> explained = explained(active, analysis, value, t, slice);
                List<AlertExample> examples = t.phase() == Transition.Phase.FIRING
                        ? AlertExamples.of(active.examples(value.kpi()), value, slice, t.at(), exampleIds) : List.of();
                if (!examples.isEmpty()) {
                    explained = new LinkedHashMap<>(explained);
                    explained.put(AlertEvent.EXAMPLES, AlertExamples.text(examples, active::fieldFormat));
                }
                AlertEvent e = event(active, rule, value, t, explained).withExamples(examples);
                // the chart only where someone is told: a firing, judged on the history before the value
                events.add(t.phase() == Transition.Phase.FIRING && !(rule.condition() instanceof Condition.Absent)
                        ? e.withChart(RuleChart.of(rule, history, value, active.unit(rule.kpi()), t.judgedWindow()))
                        : e);
            }
        }
        history.add(value);
        if (analysis != null) {
            analysis.close();
        }
        return events;
    }

    /** The slice and "why" annotations of a firing of a series with a slice baseline; none otherwise. */
    private static Map<String, String> explained(ActiveRules active, SliceAnalysis analysis, KpiValue value,
                                                 Transition t, String slice) {
        if (analysis == null || t.phase() != Transition.Phase.FIRING) {
            return Map.of();
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (slice != null) {
            extra.put(AlertEvent.SLICE, slice);
        }
        List<String> why = analysis.why(active.countedAs(value.kpi()), active.format(value.kpi())::value, slice);
        if (!why.isEmpty()) {
            extra.put(AlertEvent.WHY, String.join("\n", why));
        }
        return extra;
    }

    /**
     * Time has passed to {@code at} (the watermark) with {@code last} the series' latest value:
     * absent rules are judged against it, others may run out their keep_firing_for.
     */
    List<AlertEvent> onTime(ActiveRules active, States states, KpiValue last, long at) throws Exception {
        List<AlertEvent> events = new ArrayList<>();
        for (Rule rule : active.matching(last)) {
            String id = active.id(rule);
            AlertState state = state(states, id);
            Step step;
            if (rule.condition() instanceof Condition.Absent) {
                Judgement j = RuleEvaluator.absent(rule, last.windowEnd(), at);
                step = lifecycle.step(rule, state, j, null, at, last.windowStart(), last.windowEnd());
            } else if (state.isFiring()
                    && at >= AlertDeadlines.staleAt(rule, last.windowEnd(), last.windowEnd() - last.windowStart())) {
                step = goneStale(rule, state, last, at);
            } else {
                step = lifecycle.tick(rule, state, at);
            }
            save(states, id, step.state());
            for (Transition t : step.transitions()) {
                events.add(event(active, rule, last, t));
            }
        }
        return events;
    }

    /** The series stopped reporting: its condition no longer holds (nor does its recovery fail). */
    private Step goneStale(Rule rule, AlertState state, KpiValue last, long at) {
        String reason = "no value for " + dev.redflag.yaml.Durations.format(java.time.Duration.ofMillis(
                AlertDeadlines.staleAfter(rule, last.windowEnd() - last.windowStart())));
        Judgement gone = Judgement.inactive(reason);
        Judgement recovered = rule.recovery() == null ? null
                : new Judgement(true, true, Double.NaN, Double.NaN, Double.NaN, reason);
        return lifecycle.step(rule, state, gone, recovered, at, last.windowStart(), last.windowEnd());
    }

    /** The earliest instant after {@code last} at which time alone changes an alert of the series. */
    long nextDeadline(ActiveRules active, States states, KpiValue last) throws Exception {
        long next = Long.MAX_VALUE;
        long window = last.windowEnd() - last.windowStart();
        for (Rule rule : active.matching(last)) {
            next = Math.min(next, AlertDeadlines.next(rule, states.get(active.id(rule)), last.windowEnd(), window,
                    lifecycle));
        }
        return next;
    }

    /** The same for the stream-wide absent rules of a KPI and window. */
    long nextStreamDeadline(ActiveRules active, States states, Map<String, Long> lastSeen, String kpi,
                                   String window) throws Exception {
        long next = Long.MAX_VALUE;
        for (Rule rule : active.streamAbsent(kpi, window)) {
            Long seen = lastSeen.get(rule.id());
            if (seen != null) {
                next = Math.min(next, AlertDeadlines.next(rule, states.get(rule.id()), seen, 0, lifecycle));
            }
        }
        return next;
    }

    /** The rule is gone from the rule set: a firing alert resolves now, any state is dropped. */
    public AlertEvent removed(ActiveRules previous, Rule rule, AlertState state, KpiValue last, long at) {
        if (!state.isFiring()) {
            return null;
        }
        Transition resolved = new Transition(Transition.Phase.RESOLVED, at, state.firingSince(), at, state.value(),
                state.baseline(), state.change(), state.windowStart(), state.windowEnd(), state.flapping(),
                state.judgedWindow());
        return event(previous, rule, last, resolved);
    }

    /**
     * A value of a KPI with stream-wide absent rules: each rule whose matchers the value passes
     * sees its KPI alive again. {@code lastSeen} keeps the latest window end per rule.
     */
    List<AlertEvent> onStreamValue(ActiveRules active, States states, Map<String, Long> lastSeen,
                                          KpiValue value) throws Exception {
        List<AlertEvent> events = new ArrayList<>();
        KpiValue stream = streamOf(value);
        for (Rule rule : active.streamAbsent(value.kpi(), value.window())) {
            if (!ActiveRules.matches(rule, value)) {
                continue;
            }
            lastSeen.merge(rule.id(), value.windowEnd(), Math::max);
            Judgement present = RuleEvaluator.absent(rule, value.windowEnd(), value.windowEnd());
            Step step = lifecycle.step(rule, state(states, active.id(rule)), present, null, stream);
            save(states, active.id(rule), step.state());
            step.transitions().forEach(t -> events.add(event(active, rule, stream, t)));
        }
        return events;
    }

    /** Time has passed to {@code at} for a KPI with stream-wide absent rules. */
    List<AlertEvent> onStreamTime(ActiveRules active, States states, Map<String, Long> lastSeen,
                                         String kpi, String window, long at) throws Exception {
        List<AlertEvent> events = new ArrayList<>();
        for (Rule rule : active.streamAbsent(kpi, window)) {
            Long seen = lastSeen.get(rule.id());
            if (seen == null) {
                continue;
            }
            KpiValue stream = new KpiValue(kpi, window, new java.util.TreeMap<>(), seen, seen, Double.NaN,
                    Double.NaN, Double.NaN, 0);
            Judgement j = RuleEvaluator.absent(rule, seen, at);
            Step step = lifecycle.step(rule, state(states, active.id(rule)), j, null, at, AlertState.NO_TIME,
                    AlertState.NO_TIME);
            save(states, active.id(rule), step.state());
            step.transitions().forEach(t -> events.add(event(active, rule, stream, t)));
        }
        return events;
    }

    /** A KPI as a whole: its values with no dims, so stream alerts carry no series labels. */
    private static KpiValue streamOf(KpiValue v) {
        return new KpiValue(v.kpi(), v.window(), new java.util.TreeMap<>(), v.windowStart(), v.windowEnd(),
                v.value(), v.numerator(), v.denominator(), v.sample());
    }

    private static AlertState state(States states, String ruleId) throws Exception {
        AlertState state = states.get(ruleId);
        return state == null ? AlertState.initial() : state;
    }

    private static void save(States states, String ruleId, AlertState state) throws Exception {
        if (state.equals(AlertState.INITIAL)) {
            states.remove(ruleId);
        } else {
            states.put(ruleId, state);
        }
    }

    static AlertEvent event(ActiveRules active, Rule rule, KpiValue value, Transition t) {
        return event(active, rule, value, t, Map.of());
    }

    /**
     * The alert event of a transition, its annotations rendered; {@code explained} (the slice,
     * "why" and examples of a firing) are template variables too, and annotations of their own unless the rule
     * writes one of that name.
     */
    static AlertEvent event(ActiveRules active, Rule rule, KpiValue value, Transition t,
                            Map<String, String> explained) {
        SortedMap<String, String> labels = AlertLabels.of(rule, value);
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, AnnotationTemplate> templates = active.templates(rule.id());
        ValueText text = active.format(value.kpi()).texts(t.value(), t.baseline());
        if (!templates.isEmpty()) {
            Map<String, Object> scope = scope(rule, value, labels, t, text);
            scope.put(AlertEvent.SLICE, explained.getOrDefault(AlertEvent.SLICE, ""));
            scope.put(AlertEvent.WHY, explained.getOrDefault(AlertEvent.WHY, ""));
            scope.put(AlertEvent.EXAMPLES, explained.getOrDefault(AlertEvent.EXAMPLES, ""));
            templates.forEach((name, template) -> annotations.put(name, template.render(scope)));
        }
        explained.forEach(annotations::putIfAbsent);
        return new AlertEvent(rule.id(), rule.alert(), rule.severity(), rule.mode() == Rule.Mode.SHADOW,
                Fingerprint.of(rule.id(), labels), value.kpi(), value.window(), labels, annotations, t, text);
    }

    /** What annotation templates can name: numbers raw (four significant digits) and in the KPI's unit. */
    private static Map<String, Object> scope(Rule rule, KpiValue value, SortedMap<String, String> labels,
                                             Transition t, ValueText text) {
        Map<String, Object> scope = new HashMap<>(labels);
        scope.put("labels", labels);
        scope.put("alertname", rule.alert());
        scope.put("severity", rule.severity());
        scope.put("kpi", value.kpi());
        scope.put("window", value.window());
        scope.put("judged_window", t.judgedWindow() == null ? value.window() : t.judgedWindow());
        scope.put("firing", t.phase() != Transition.Phase.RESOLVED);
        scope.put("resolved", t.phase() == Transition.Phase.RESOLVED);
        scope.put("value", format(t.value()));
        scope.put("baseline", format(t.baseline()));
        scope.put("change", format(t.change()));
        scope.put("change_percent", Double.isNaN(t.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", t.change()));
        scope.put("value_text", text.value());
        scope.put("baseline_text", text.baseline());
        scope.put("change_text", text.change());
        scope.put("numerator", format(value.numerator()));
        scope.put("denominator", format(value.denominator()));
        scope.put("sample", Long.toString(value.sample()));
        scope.put("window_start", Instant.ofEpochMilli(t.windowStart()).toString());
        scope.put("window_end", Instant.ofEpochMilli(t.windowEnd()).toString());
        return scope;
    }

    /** Up to 4 significant digits, no exponent for everyday magnitudes; empty for NaN. */
    static String format(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s;
    }
}
