package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-series step: what happens to one KPI series' alerts when a value arrives or time
 * passes, around the judgement of {@link SeriesAlerts}. A value older than the series' latest (a
 * late re-emission of an earlier window) is dropped; the deadlines that passed since the previous
 * value run first (keep_firing_for running out, data going absent), as the live operator's timers
 * would have run them had they fired in between; the history is sized to the longest lookback of
 * the rules in force. The live operators ({@code RuleEvaluationFunction},
 * {@code StreamAbsenceFunction}), {@code redflag test} and backtests all go through these
 * methods, keeping the state where they like, so they move alerts alike by construction.
 *
 * <p>A deadline equal to a value's window end runs after that value, as it does live: the value
 * reaches the operator before the watermark that fires the timer.
 */
public final class SeriesStep {

    /** What one series keeps between values: Flink keyed state live, fields in a replay. */
    public interface Series {
        /** The latest value, null before the first. */
        KpiValue last() throws Exception;

        void last(KpiValue value) throws Exception;

        /** The history of judged values, null before the first. */
        SeriesHistory history() throws Exception;

        void history(SeriesHistory history) throws Exception;

        /**
         * The baseline of the series' slices, null before the first value of a sliced KPI under a
         * rule with {@code slices:} ({@link ActiveRules#judgesSlices}), and for a series no such rule judges.
         */
        SliceBaseline slices() throws Exception;

        void slices(SliceBaseline slices) throws Exception;

        SeriesAlerts.States alerts();
    }

    /**
     * What one KPI and window keep for their stream-wide absent rules: the alert states, and per
     * rule the latest window end of a matching value of any series (a map the step updates; the
     * caller stores it).
     */
    public record Stream(String kpi, String window, SeriesAlerts.States alerts, Map<String, Long> lastSeen) {
    }

    /** The next instant to run deadlines at, and running one. */
    private interface Deadlines {
        long next() throws Exception;

        List<AlertEvent> run(long at) throws Exception;
    }

    private final SeriesAlerts alerts;

    public SeriesStep(AlertLifecycle lifecycle) {
        this(lifecycle, ExampleIds.NONE);
    }

    /** A step whose firings show hashed example IDs under {@code ids}' key. */
    public SeriesStep(AlertLifecycle lifecycle, ExampleIds ids) {
        this.alerts = new SeriesAlerts(lifecycle, ids);
    }

    /** The judgement underneath, for what the step does not cover (rules dropped from the set). */
    public SeriesAlerts alerts() {
        return alerts;
    }

    /**
     * A value of the series arrives. With no rule set yet ({@code active} null) it is only
     * remembered as the latest value.
     *
     * @return its transitions, those of the deadlines that passed before it first; none for a late value
     */
    public List<AlertEvent> value(ActiveRules active, Series series, KpiValue value) throws Exception {
        KpiValue previous = series.last();
        if (previous != null && previous.windowStart() > value.windowStart()) {
            return List.of(); // a late re-emission of an older window: its judgement is history
        }
        series.last(value);
        if (active == null) {
            return List.of();
        }
        List<AlertEvent> events = new ArrayList<>();
        if (previous != null) {
            catchUp(seriesDeadlines(active, series, previous), value.windowEnd(), events);
        }
        int capacity = active.lookback(value.kpi(), value.window()) + 1;
        // a series with no latest value has no history or slice baseline either (both are written
        // only here, after the latest value), so its first value does not look for them: a store
        // that keeps them apart from the latest value need not search for what cannot be there
        SeriesHistory history = previous == null ? null : series.history();
        if (history == null) {
            history = new SeriesHistory(capacity);
        } else if (history.capacity() != capacity) {
            history.resize(capacity);
        }
        SliceBaseline slices = null;
        // a baseline only where a rule judges slices: other series' slices cost no state
        if (!value.slices().isEmpty() && active.judgesSlices(value.kpi(), value.window(), value.dims())) {
            slices = previous == null ? null : series.slices();
            slices = slices == null ? new SliceBaseline() : slices;
        }
        events.addAll(alerts.onValue(active, history, slices, series.alerts(), value));
        series.history(history);
        if (slices != null) {
            series.slices(slices);
        }
        return events;
    }

    /** Event time reaches {@code at} with no new value of the series: the deadlines before it, then {@code at}. */
    public List<AlertEvent> time(ActiveRules active, Series series, long at) throws Exception {
        KpiValue last = series.last();
        if (active == null || last == null) {
            return List.of();
        }
        List<AlertEvent> events = new ArrayList<>();
        Deadlines deadlines = seriesDeadlines(active, series, last);
        catchUp(deadlines, at, events);
        events.addAll(deadlines.run(at));
        return events;
    }

    /** The earliest instant at which time alone changes an alert of the series; MAX_VALUE for none. */
    public long nextDeadline(ActiveRules active, Series series) throws Exception {
        KpiValue last = series.last();
        return active == null || last == null ? Long.MAX_VALUE : alerts.nextDeadline(active, series.alerts(), last);
    }

    /**
     * A value of a KPI and window with stream-wide absent rules: each rule whose matchers it passes
     * sees the KPI alive again, after the deadlines that passed before it.
     */
    public List<AlertEvent> streamValue(ActiveRules active, Stream stream, KpiValue value) throws Exception {
        if (active == null || active.streamAbsent(value.kpi(), value.window()).isEmpty()) {
            return List.of();
        }
        List<AlertEvent> events = new ArrayList<>();
        catchUp(streamDeadlines(active, stream), value.windowEnd(), events);
        events.addAll(alerts.onStreamValue(active, stream.alerts(), stream.lastSeen(), value));
        return events;
    }

    /** Event time reaches {@code at} for a KPI and window: the deadlines before it, then {@code at}. */
    public List<AlertEvent> streamTime(ActiveRules active, Stream stream, long at) throws Exception {
        if (active == null) {
            return List.of();
        }
        List<AlertEvent> events = new ArrayList<>();
        Deadlines deadlines = streamDeadlines(active, stream);
        catchUp(deadlines, at, events);
        events.addAll(deadlines.run(at));
        return events;
    }

    /** The earliest instant at which time alone changes a stream-wide alert; MAX_VALUE for none. */
    public long nextStreamDeadline(ActiveRules active, Stream stream) throws Exception {
        return active == null ? Long.MAX_VALUE
                : alerts.nextStreamDeadline(active, stream.alerts(), stream.lastSeen(), stream.kpi(), stream.window());
    }

    private Deadlines seriesDeadlines(ActiveRules active, Series series, KpiValue last) {
        return new Deadlines() {
            @Override
            public long next() throws Exception {
                return alerts.nextDeadline(active, series.alerts(), last);
            }

            @Override
            public List<AlertEvent> run(long at) throws Exception {
                return alerts.onTime(active, series.alerts(), last, at);
            }
        };
    }

    private Deadlines streamDeadlines(ActiveRules active, Stream stream) {
        return new Deadlines() {
            @Override
            public long next() throws Exception {
                return nextStreamDeadline(active, stream);
            }

            @Override
            public List<AlertEvent> run(long at) throws Exception {
                return alerts.onStreamTime(active, stream.alerts(), stream.lastSeen(), stream.kpi(), stream.window(),
                        at);
            }
        };
    }

    /**
     * Runs every deadline before {@code until}, each at its own instant, in order. Each run moves
     * the alert states on, so the next deadline is later; one that is not ends the catch-up.
     */
    private static void catchUp(Deadlines deadlines, long until, List<AlertEvent> events) throws Exception {
        long done = Long.MIN_VALUE;
        for (long due = deadlines.next(); due < until && due > done; due = deadlines.next()) {
            events.addAll(deadlines.run(due));
            done = due;
        }
    }
}
