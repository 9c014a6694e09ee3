package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLabels;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertStatesInMemory;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesInMemory;
import dev.redflag.alert.SeriesStep;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.RuleEvaluator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays KPI values through {@link SeriesStep}, the per-series step the live operators run, keeping
 * per series what they keep in Flink state (history, alert states, latest value) in memory instead:
 * values in the order the operators receive them, stream-wide absent rules per KPI and window, and
 * at every observation time each series and stream moved on to that time. What it records — every
 * transition, and at each observation time the firing alerts and the state of every alert — is
 * what rule tests compare.
 *
 * <p>One replay per test: it holds the state of one run.
 */
final class Replay {

    /**
     * The alerts at one observation time.
     *
     * @param firing   firing alerts, each as the event that made it fire (labels, annotations)
     * @param statuses every alert of every series the rules watch, for explaining a failure
     */
    record Snapshot(long at, List<AlertEvent> firing, List<AlertStatus> statuses) {
    }

    /**
     * Where one alert (rule + series) stands at an observation time, and the last reason the
     * evaluator gave for it.
     *
     * @param since       pending: when the condition became active; firing: when it fired; else NO_TIME
     * @param reason      the evaluator's words on the latest value (or on the time, for absent rules)
     * @param judgedAt    window end of the latest value judged, NO_TIME for absent rules
     */
    record AlertStatus(String ruleId, String alertname, Map<String, String> labels, AlertState.Phase phase,
                       long since, String reason, long judgedAt) {
    }

    /** The run: transitions in time order, snapshots in time order. */
    record Result(List<AlertEvent> transitions, List<Snapshot> snapshots) {

        Snapshot at(long time) {
            for (Snapshot s : snapshots) {
                if (s.at() == time) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no snapshot at " + time);
        }
    }

    /** What the live operator keeps in keyed state for one series, and the evaluator's last words on it. */
    private static final class SeriesRun {
        final SeriesInMemory state = new SeriesInMemory();
        final Map<String, String> reasons = new HashMap<>();
    }

    /** A value and when the operator would receive it: a late re-emission comes after the newer window it follows. */
    private record Arrival(KpiValue value, long at, boolean late) {
    }

    private final ActiveRules active;
    private final SeriesStep step;
    private final Map<String, SeriesRun> series = new LinkedHashMap<>();
    private final Map<String, SeriesStep.Stream> streams = new LinkedHashMap<>();
    private final Map<String, AlertEvent> firing = new LinkedHashMap<>();
    private final List<AlertEvent> transitions = new ArrayList<>();

    Replay(ActiveRules active, AlertLifecycle lifecycle) {
        this.active = active;
        this.step = new SeriesStep(lifecycle);
    }

    /**
     * Plays {@code values} and takes a snapshot at each of {@code times}, after every value that
     * arrived by then. Values arrive in window-end order, except that the values of one series
     * keep the order they are given in: a value given after a newer window of its series is a late
     * re-emission, arriving with that newer window and after it (the step then drops it, as the
     * operator does).
     */
    Result run(List<KpiValue> values, List<Long> times) throws Exception {
        List<Arrival> arrivals = arrivals(values);
        List<Long> at = times.stream().distinct().sorted().toList();
        List<Snapshot> snapshots = new ArrayList<>();
        int next = 0;
        for (Arrival a : arrivals) {
            while (next < at.size() && at.get(next) < a.at()) {
                snapshots.add(snapshot(at.get(next++)));
            }
            value(a.value());
        }
        while (next < at.size()) {
            snapshots.add(snapshot(at.get(next++)));
        }
        List<AlertEvent> ordered = new ArrayList<>(transitions);
        ordered.sort(Comparator.comparingLong(e -> e.transition().at()));
        return new Result(ordered, snapshots);
    }

    private static List<Arrival> arrivals(List<KpiValue> values) {
        Map<String, Long> newest = new HashMap<>();
        List<Arrival> arrivals = new ArrayList<>(values.size());
        for (KpiValue v : values) {
            long seen = newest.merge(v.seriesKey(), v.windowEnd(), Math::max);
            arrivals.add(new Arrival(v, seen, seen > v.windowEnd()));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparing(Arrival::late)
                .thenComparingLong(a -> a.value().windowStart()));
        return arrivals;
    }

    private void value(KpiValue v) throws Exception {
        if (!active.streamAbsent(v.kpi(), v.window()).isEmpty()) {
            SeriesStep.Stream stream = streams.computeIfAbsent(v.kpi() + '\u001f' + v.window(),
                    k -> new SeriesStep.Stream(v.kpi(), v.window(), new AlertStatesInMemory(), new HashMap<>()));
            record(step.streamValue(active, stream, v));
        }
        SeriesRun s = series.computeIfAbsent(v.seriesKey(), k -> new SeriesRun());
        Map<String, Long> spent = new HashMap<>();
        for (Rule rule : active.matching(v)) {
            AlertState before = s.state.alerts().get(active.id(rule));
            spent.put(rule.id(), before == null ? AlertState.NO_TIME : before.spentUntil());
        }
        record(step.value(active, s.state, v));
        if (s.state.last() != v) {
            return; // late: the step dropped it
        }
        for (Rule rule : active.matching(v)) {
            // the evaluator is a pure function: asking it again, with the windows spent as the step had them,
            // only to explain a failure
            s.reasons.put(rule.id(), rule.condition() instanceof Condition.Absent ? "a value arrived"
                    : RuleEvaluator.judge(rule, s.state.history(), v, spent.get(rule.id())).reason());
        }
    }

    private Snapshot snapshot(long at) throws Exception {
        for (SeriesRun s : series.values()) {
            record(step.time(active, s.state, at));
        }
        for (SeriesStep.Stream stream : streams.values()) {
            record(step.streamTime(active, stream, at));
        }
        List<AlertEvent> now = new ArrayList<>(firing.values());
        now.sort(Comparator.comparing(AlertEvent::alertname).thenComparing(e -> e.labels().toString()));
        return new Snapshot(at, List.copyOf(now), statuses(at));
    }

    private void record(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            transitions.add(e);
            if (e.phase() == Transition.Phase.FIRING) {
                firing.put(e.fingerprint(), e);
            } else if (e.phase() == Transition.Phase.RESOLVED) {
                firing.remove(e.fingerprint());
            }
        }
    }

    private List<AlertStatus> statuses(long at) throws Exception {
        List<AlertStatus> out = new ArrayList<>();
        for (SeriesRun s : series.values()) {
            KpiValue last = s.state.last();
            for (Rule rule : active.matching(last)) {
                boolean absent = rule.condition() instanceof Condition.Absent;
                String reason = absent ? RuleEvaluator.absent(rule, last.windowEnd(), at).reason()
                        : s.reasons.get(rule.id());
                out.add(status(rule, AlertLabels.of(rule, last), s.state.alerts().get(rule.id()), reason,
                        absent ? AlertState.NO_TIME : last.windowEnd()));
            }
        }
        for (SeriesStep.Stream stream : streams.values()) {
            KpiValue whole = new KpiValue(stream.kpi(), stream.window(), new TreeMap<>(), 0, 0, Double.NaN,
                    Double.NaN, Double.NaN, 0);
            for (Rule rule : active.streamAbsent(stream.kpi(), stream.window())) {
                Long seen = stream.lastSeen().get(rule.id());
                String reason = seen == null ? "no matching value yet"
                        : RuleEvaluator.absent(rule, seen, at).reason();
                out.add(status(rule, AlertLabels.of(rule, whole), stream.alerts().get(rule.id()), reason,
                        AlertState.NO_TIME));
            }
        }
        return out;
    }

    private static AlertStatus status(Rule rule, Map<String, String> labels, AlertState state, String reason,
                                      long judgedAt) {
        AlertState s = state == null ? AlertState.initial() : state;
        long since = switch (s.phase()) {
            case PENDING -> s.activeSince();
            case FIRING -> s.firingSince();
            case INACTIVE -> AlertState.NO_TIME;
        };
        return new AlertStatus(rule.id(), rule.alert(), labels, s.phase(), since, reason, judgedAt);
    }
}
