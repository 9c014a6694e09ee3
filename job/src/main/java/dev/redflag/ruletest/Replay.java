package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLabels;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertStatesInMemory;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.RuleEvaluator;
import dev.redflag.rules.eval.SeriesHistory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays KPI values through {@link SeriesAlerts} the way the live operators do, keeping per series
 * what they keep in Flink state (history, alert states, latest value) in maps instead: values in
 * window-end order, before each value the deadlines that passed since the series' previous one
 * ({@link Deadlines}), stream-wide absent rules per KPI and window, and at every observation time
 * each series and stream moved on to that time. What it records — every transition, and at each
 * observation time the firing alerts and the state of every alert — is what rule tests compare.
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

    /** What the live operator keeps in keyed state for one series. */
    private static final class SeriesRun {
        final AlertStatesInMemory states = new AlertStatesInMemory();
        final Map<String, String> reasons = new HashMap<>();
        SeriesHistory history;
        KpiValue last;
    }

    /** What the stream-absence operator keeps for one KPI and window. */
    private static final class StreamRun {
        final AlertStatesInMemory states = new AlertStatesInMemory();
        final Map<String, Long> lastSeen = new HashMap<>();
        final String kpi;
        final String window;

        StreamRun(String kpi, String window) {
            this.kpi = kpi;
            this.window = window;
        }
    }

    private final ActiveRules active;
    private final AlertLifecycle lifecycle;
    private final SeriesAlerts alerts;
    private final Map<String, SeriesRun> series = new LinkedHashMap<>();
    private final Map<String, StreamRun> streams = new LinkedHashMap<>();
    private final Map<String, AlertEvent> firing = new LinkedHashMap<>();
    private final List<AlertEvent> transitions = new ArrayList<>();

    Replay(ActiveRules active, AlertLifecycle lifecycle) {
        this.active = active;
        this.lifecycle = lifecycle;
        this.alerts = new SeriesAlerts(lifecycle);
    }

    /**
     * Plays {@code values} (any order: they are sorted by window end) and takes a snapshot at each
     * of {@code times}, after every value whose window ended by then.
     */
    Result run(List<KpiValue> values, List<Long> times) throws Exception {
        List<KpiValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingLong(KpiValue::windowEnd).thenComparingLong(KpiValue::windowStart));
        List<Long> at = times.stream().distinct().sorted().toList();
        List<Snapshot> snapshots = new ArrayList<>();
        int next = 0;
        for (KpiValue v : sorted) {
            while (next < at.size() && at.get(next) < v.windowEnd()) {
                snapshots.add(snapshot(at.get(next++)));
            }
            value(v);
        }
        while (next < at.size()) {
            snapshots.add(snapshot(at.get(next++)));
        }
        List<AlertEvent> ordered = new ArrayList<>(transitions);
        ordered.sort(Comparator.comparingLong(e -> e.transition().at()));
        return new Result(ordered, snapshots);
    }

    private void value(KpiValue v) throws Exception {
        SeriesRun s = series.computeIfAbsent(v.seriesKey(), k -> new SeriesRun());
        if (s.last != null && s.last.windowStart() > v.windowStart()) {
            return; // as live: a re-emission of an older window is history
        }
        if (s.last != null) {
            advance(s, v.windowEnd(), false);
        }
        if (!active.streamAbsent(v.kpi(), v.window()).isEmpty()) {
            StreamRun stream = streams.computeIfAbsent(v.kpi() + '\u001f' + v.window(),
                    k -> new StreamRun(v.kpi(), v.window()));
            advance(stream, v.windowEnd(), false);
            record(alerts.onStreamValue(active, stream.states, stream.lastSeen, v));
        }
        s.last = v;
        int capacity = active.lookback(v.kpi(), v.window()) + 1;
        if (s.history == null) {
            s.history = new SeriesHistory(capacity);
        } else if (s.history.capacity() != capacity) {
            s.history.resize(capacity);
        }
        for (Rule rule : active.matching(v)) {
            // the evaluator is a pure function: asking it again only to explain a failure
            s.reasons.put(rule.id(), rule.condition() instanceof Condition.Absent ? "a value arrived"
                    : RuleEvaluator.judge(rule, s.history, v).reason());
        }
        record(alerts.onValue(active, s.history, s.states, v));
    }

    private Snapshot snapshot(long at) throws Exception {
        for (SeriesRun s : series.values()) {
            if (s.last != null) {
                advance(s, at, true);
                record(alerts.onTime(active, s.states, s.last, at));
            }
        }
        for (StreamRun stream : streams.values()) {
            advance(stream, at, true);
            record(alerts.onStreamTime(active, stream.states, stream.lastSeen, stream.kpi, stream.window, at));
        }
        List<AlertEvent> now = new ArrayList<>(firing.values());
        now.sort(Comparator.comparing(AlertEvent::alertname).thenComparing(e -> e.labels().toString()));
        return new Snapshot(at, List.copyOf(now), statuses(at));
    }

    /** Runs the series' deadlines up to {@code limit} (inclusive or not) as the operator's timers would. */
    private void advance(SeriesRun s, long limit, boolean inclusive) throws Exception {
        long previous = Long.MIN_VALUE;
        while (true) {
            long due = alerts.nextDeadline(active, s.states, s.last);
            if (due == Long.MAX_VALUE || due <= previous || due > limit || (!inclusive && due == limit)) {
                return;
            }
            record(alerts.onTime(active, s.states, s.last, due));
            previous = due;
        }
    }

    private void advance(StreamRun stream, long limit, boolean inclusive) throws Exception {
        long previous = Long.MIN_VALUE;
        while (true) {
            long due = alerts.nextStreamDeadline(active, stream.states, stream.lastSeen, stream.kpi, stream.window);
            if (due == Long.MAX_VALUE || due <= previous || due > limit || (!inclusive && due == limit)) {
                return;
            }
            record(alerts.onStreamTime(active, stream.states, stream.lastSeen, stream.kpi, stream.window, due));
            previous = due;
        }
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

    private List<AlertStatus> statuses(long at) {
        List<AlertStatus> out = new ArrayList<>();
        for (SeriesRun s : series.values()) {
            for (Rule rule : active.matching(s.last)) {
                boolean absent = rule.condition() instanceof Condition.Absent;
                String reason = absent ? RuleEvaluator.absent(rule, s.last.windowEnd(), at).reason()
                        : s.reasons.get(rule.id());
                out.add(status(rule, AlertLabels.of(rule, s.last), s.states.get(rule.id()), reason,
                        absent ? AlertState.NO_TIME : s.last.windowEnd()));
            }
        }
        for (StreamRun stream : streams.values()) {
            KpiValue whole = new KpiValue(stream.kpi, stream.window, new TreeMap<>(), 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, 0);
            for (Rule rule : active.streamAbsent(stream.kpi, stream.window)) {
                Long seen = stream.lastSeen.get(rule.id());
                String reason = seen == null ? "no matching value yet"
                        : RuleEvaluator.absent(rule, seen, at).reason();
                out.add(status(rule, AlertLabels.of(rule, whole), stream.states.get(rule.id()), reason,
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
