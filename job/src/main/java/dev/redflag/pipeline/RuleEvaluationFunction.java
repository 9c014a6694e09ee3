package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.alert.ExampleIds;
import dev.redflag.alert.SeriesStep;
import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.AlertMetrics;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.metrics.RuleEvaluationMetrics;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Flink shell around {@link SeriesStep}: keyed by KPI series, it keeps each series' history,
 * latest value and slice baseline in one keyed state ({@link SeriesState}) and its alert states in
 * another, the active rule set in broadcast state, and a
 * timer for the next moment time alone can change an alert (keep_firing_for running out, a series
 * going absent). What a value or a timer does to the series is the step's, shared with
 * {@code redflag test} and backtests. A new rule set replaces the old one whole; alerts of rules
 * it drops resolve. Checkpointed like all keyed state, so after a restore no transition is lost or repeated.
 * A series keeps a slice baseline only while a rule judges its slices; a new rule set under which
 * none does clears it for every key.
 *
 * <p>With metrics it also keeps the {@code redflag_alerts} gauges of its keys (see
 * {@link ActiveAlertGauges}), times each value's step, and reports its watermark as the event-time
 * lag: this operator's watermark is the minimum of everything upstream and decides when a window's
 * value is judged and when time-based alerts move, so its lag is how late alerts can be. The lag
 * is read on a processing-time tick once a second, one timer per subtask, so the per-value path
 * pays nothing for it.
 */
public class RuleEvaluationFunction extends KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent>
        implements CheckpointedFunction {

    private static final long LAG_TICK_MILLIS = 1_000;

    /** {@link #layout}'s values: keyed state may hold series as three states each, or holds none so. */
    private static final int LAYOUT_THREE_STATES = 1;
    private static final int LAYOUT_ONE_STATE = 2;

    private final KpiCatalog catalog;
    private final AlertLifecycle lifecycle;
    private final MetricsConfig metrics;
    private final String initialRules;

    /** Per series its latest value, history and slice baseline ({@link SeriesState}). */
    private transient ValueState<SeriesState> seriesState;
    private transient ValueStateDescriptor<SeriesState> seriesDescriptor;
    /**
     * Whether keyed state may still hold series in the layout of earlier versions: restored from a
     * savepoint of one, or from a checkpoint of a job that was. Each subtask's answer is kept in
     * union operator state, so any subtask that may hold such series after a rescale looks for them.
     */
    private transient ListState<Integer> layout;
    private transient boolean threeStateLayoutPossible;
    /** The earlier layout, read for a series not yet moved; null when none can be in state. */
    private transient ThreeStateSeriesLayout threeStateLayout;
    private transient MapState<String, AlertState> alerts;
    private transient MapStateDescriptor<String, AlertState> alertsDescriptor;
    private transient SeriesStep step;
    private transient ActiveRulesCache rules;
    private transient ActiveAlertGauges gauges;
    private transient MetricsHub hub;
    private transient RuleEvaluationMetrics timing;
    private transient RuleEvaluationMetrics.EventTimeLag lag;
    private transient AlertMetrics transitions;
    /** The rule set whose transition counters exist on this endpoint. */
    private transient ActiveRules counted;
    /** When this subtask's next lag tick is due; 0 before the first. */
    private transient long lagTickAt;

    public RuleEvaluationFunction(KpiCatalog catalog, AlertLifecycle lifecycle) {
        this(catalog, lifecycle, null);
    }

    /** @param metrics where to export alerts, evaluation time and lag; null for none (offline runs) */
    public RuleEvaluationFunction(KpiCatalog catalog, AlertLifecycle lifecycle, MetricsConfig metrics) {
        this(catalog, lifecycle, metrics, null);
    }

    /**
     * @param metrics      where to export alerts, evaluation time and lag; null for none (offline runs)
     * @param initialRules the rule bundle (JSON, validated) in force until one is broadcast; null for none
     */
    public RuleEvaluationFunction(KpiCatalog catalog, AlertLifecycle lifecycle, MetricsConfig metrics, String initialRules) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.initialRules = initialRules;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        gauges = ActiveAlertGauges.initialize(context, getRuntimeContext());
        layout = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("series-state-layout", Types.INT));
        List<Integer> restored = new ArrayList<>();
        layout.get().forEach(restored::add);
        // restored without a word on the layout: a savepoint of a version with three states per series
        threeStateLayoutPossible = context.isRestored()
                && (restored.isEmpty() || restored.contains(LAYOUT_THREE_STATES));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        gauges.snapshot();
        layout.update(List.of(threeStateLayoutPossible ? LAYOUT_THREE_STATES : LAYOUT_ONE_STATE));
    }

    @Override
    public void open(OpenContext openContext) {
        seriesDescriptor = new ValueStateDescriptor<>("series", SeriesState.INFO);
        seriesState = getRuntimeContext().getState(seriesDescriptor);
        threeStateLayout = threeStateLayoutPossible ? new ThreeStateSeriesLayout(getRuntimeContext()) : null;
        alertsDescriptor = new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(AlertState.class));
        alerts = getRuntimeContext().getMapState(alertsDescriptor);
        // the key is read where the alerts are made, as the Slack sink reads its token, not shipped with the job
        step = new SeriesStep(lifecycle, ExampleIds.fromEnvironment(System.getenv()));
        rules = new ActiveRulesCache(catalog, initialRules);
        if (metrics != null) {
            hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
            gauges.export(hub.alertGauges(catalog.dimensions()));
            timing = hub.ruleEvaluationMetrics();
            lag = timing.eventTimeLag(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
            transitions = hub.alertMetrics();
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            gauges.close();
            lag.close();
            hub.release();
            hub = null;
        }
    }

    @Override
    public void processElement(KpiValue value, ReadOnlyContext ctx, Collector<AlertEvent> out) throws Exception {
        if (lag != null && lagTickAt == 0) {
            lagTick(ctx.timerService());
        }
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        expectTransitions(active);
        String key = ctx.getCurrentKey();
        StoredSeries series = series(key);
        long started = System.nanoTime();
        List<AlertEvent> judged = step.value(active, series, value);
        series.write();
        if (timing != null && active != null) {
            timing.evaluated(System.nanoTime() - started);
        }
        emit(key, judged, out);
        scheduleTick(active, series, ctx.timerService().currentWatermark(), ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (lag != null && (timestamp == lagTickAt || lagTickAt == 0)) {
                lagTick(ctx.timerService());
            } // else a tick chain from before a restore, which another one replaced: let it end
            return;
        }
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        String key = ctx.getCurrentKey();
        StoredSeries series = series(key);
        emit(key, step.time(active, series, timestamp), out);
        series.write();
        scheduleTick(active, series, timestamp, ctx);
    }

    /**
     * The transition counters of every rule of a rule set at 0 on this TaskManager's endpoint, where
     * the alert metrics sink subtask that this subtask forwards to usually runs (one slot holds one
     * subtask of each), so {@code increase()} counts a first transition too. Once per rule set, the
     * one restored from a checkpoint included.
     */
    private void expectTransitions(ActiveRules active) {
        if (transitions == null || active == null || active == counted) {
            return;
        }
        counted = active;
        for (Rule rule : active.ruleSet().rules()) {
            transitions.expect(rule.alert(), rule.mode() == Rule.Mode.SHADOW);
        }
    }

    /** Reports the watermark and schedules the next tick, on whichever key is current. */
    private void lagTick(TimerService timers) {
        lag.watermark(timers.currentWatermark());
        lagTickAt = timers.currentProcessingTime() + LAG_TICK_MILLIS;
        timers.registerProcessingTimeTimer(lagTickAt);
    }

    private void emit(String key, List<AlertEvent> events, Collector<AlertEvent> out) {
        for (AlertEvent e : events) {
            gauges.transition(key, e);
            out.collect(e);
        }
    }

    @Override
    public void processBroadcastElement(String bundleJson, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (threeStateLayout != null) {
            moveEverySeriesOutOfTheThreeStateLayout(ctx);
        }
        BroadcastState<String, String> state = ctx.getBroadcastState(ActiveRulesCache.RULES);
        ActiveRules previous = rules.get(state);
        state.put(ActiveRulesCache.CURRENT, bundleJson);
        ActiveRules next = rules.get(state);
        expectTransitions(next);
        if (previous == null) {
            return;
        }
        ctx.applyToKeyedState(seriesDescriptor, (key, stored) -> {
            SeriesState s = stored.value();
            if (s != null && s.slices != null && !judgesSlices(next, key)) {
                s.slices = null; // no rule of the new set judges this series' slices: its baseline is dead weight
                stored.update(s);
            }
        });
        List<Rule> dropped = previous.droppedIn(next);
        if (dropped.isEmpty()) {
            return;
        }
        dropped.forEach(rule -> gauges.ruleDropped(rule.id()));
        ctx.applyToKeyedState(alertsDescriptor, DroppedRules.resolver(previous, dropped, step.alerts(),
                ctx.currentWatermark(), this::lastOf, out));
    }

    /**
     * Moves every series this subtask still holds in the three-state layout into its one state,
     * then stops looking there: from here on, and in every later checkpoint, this subtask holds none.
     * A rule set reaches every subtask, so the job stops looking once each has had one since its
     * restore. The series are moved as they are; the rule set that triggered it prunes them after.
     */
    private void moveEverySeriesOutOfTheThreeStateLayout(Context ctx) throws Exception {
        ThreeStateSeriesLayout old = threeStateLayout;
        ctx.applyToKeyedState(old.lastDescriptor, (key, last) -> old.moveCurrent(seriesState));
        threeStateLayout = null;
        threeStateLayoutPossible = false;
    }

    /** Whether a rule of {@code active} judges the slices of the series of this key. */
    private boolean judgesSlices(ActiveRules active, String key) {
        String kpi = KpiKeys.kpi(key);
        if (!catalog.contains(kpi)) {
            return false;
        }
        List<String> dimNames = catalog.spec(kpi).by().stream().sorted().toList();
        return active.judgesSlices(kpi, KpiKeys.window(key), KpiKeys.dims(key, dimNames));
    }

    /** The latest value is in another state, out of reach here: rebuild the labels from the key. */
    private KpiValue lastOf(String key, Rule rule, AlertState s) {
        List<String> dimNames = catalog.spec(rule.kpi()).by().stream().sorted().toList();
        Map<String, String> dims = KpiKeys.dims(key, dimNames);
        String window = KpiKeys.window(key);
        return new KpiValue(rule.kpi(), window, dims, s.windowStart(), s.windowEnd(), s.value(), Double.NaN,
                Double.NaN, 0);
    }

    /** A timer for the next instant at which time alone can change an alert of this series. */
    private void scheduleTick(ActiveRules active, SeriesStep.Series series, long watermark, ReadOnlyContext ctx)
            throws Exception {
        long due = step.nextDeadline(active, series);
        if (due != Long.MAX_VALUE && due > watermark) {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    /** The current key's series in keyed state, for one value or timer. */
    private StoredSeries series(String key) {
        return new StoredSeries(new AlertStatesInState(alerts, gauges, key));
    }

    /**
     * A series' {@link SeriesState}, read at most once per value or timer and written at most once,
     * by {@link #write()} after the step. The latest value is kept without its slices and examples
     * ({@link KpiValue#withoutDetail}), which no time-based step reads: a KPI with examples would
     * otherwise write them twice per value, once in the window that made them and once here.
     */
    private final class StoredSeries implements SeriesStep.Series {
        private final SeriesAlerts.States states;
        private SeriesState state;
        private boolean read;
        private boolean changed;
        /** Read from the earlier layout, to be dropped there once written here. */
        private boolean moved;

        StoredSeries(SeriesAlerts.States states) {
            this.states = states;
        }

        private SeriesState state() throws Exception {
            if (!read) {
                read = true;
                state = seriesState.value();
                if (state == null && threeStateLayout != null) {
                    state = threeStateLayout.read();
                    moved = state != null;
                }
            }
            return state;
        }

        private SeriesState changing() throws Exception {
            if (state() == null) {
                state = new SeriesState();
            }
            changed = true;
            return state;
        }

        void write() throws Exception {
            if (changed) {
                seriesState.update(state);
                changed = false;
                if (moved) {
                    threeStateLayout.clear();
                    moved = false;
                }
            }
        }

        @Override
        public KpiValue last() throws Exception {
            SeriesState s = state();
            return s == null ? null : s.last;
        }

        @Override
        public void last(KpiValue value) throws Exception {
            changing().last = value.withoutDetail();
        }

        @Override
        public SeriesHistory history() throws Exception {
            SeriesState s = state();
            return s == null ? null : s.history;
        }

        @Override
        public void history(SeriesHistory h) throws Exception {
            changing().history = h;
        }

        @Override
        public SliceBaseline slices() throws Exception {
            SeriesState s = state();
            return s == null || s.slices == null ? null : SliceBaseline.of(s.slices, SliceBaseline.DEFAULT_CAPACITY);
        }

        @Override
        public void slices(SliceBaseline baseline) throws Exception {
            changing().slices = baseline.state();
        }

        @Override
        public SeriesAlerts.States alerts() {
            return states;
        }
    }
}
