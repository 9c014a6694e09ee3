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

import java.util.List;
import java.util.Map;

/**
 * The Flink shell around {@link SeriesStep}: keyed by KPI series, it keeps each series' history,
 * latest value and alert states in keyed state, the active rule set in broadcast state, and a
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

    private final KpiCatalog catalog;
    private final AlertLifecycle lifecycle;
    private final MetricsConfig metrics;
    private final String initialRules;

    private transient ValueState<SeriesHistory> history;
    private transient ValueState<KpiValue> last;
    /** The baseline of the series' slices, for a sliced KPI ({@link SliceBaseline}). */
    private transient ValueState<SliceBaseline.State> slices;
    private transient ValueStateDescriptor<SliceBaseline.State> slicesDescriptor;
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
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        gauges.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history",
                TypeInformation.of(SeriesHistory.class)));
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(KpiValue.class)));
        slicesDescriptor = new ValueStateDescriptor<>("slices", SliceBaselineStateTypeInfo.INFO);
        slices = getRuntimeContext().getState(slicesDescriptor);
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
        SeriesStep.Series series = series(key);
        long started = System.nanoTime();
        List<AlertEvent> judged = step.value(active, series, value);
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
        SeriesStep.Series series = series(key);
        emit(key, step.time(active, series, timestamp), out);
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
        BroadcastState<String, String> state = ctx.getBroadcastState(ActiveRulesCache.RULES);
        ActiveRules previous = rules.get(state);
        state.put(ActiveRulesCache.CURRENT, bundleJson);
        ActiveRules next = rules.get(state);
        expectTransitions(next);
        if (previous == null) {
            return;
        }
        ctx.applyToKeyedState(slicesDescriptor, (key, baseline) -> {
            if (baseline.value() != null && !judgesSlices(next, key)) {
                baseline.clear(); // no rule of the new set judges this series' slices: its baseline is dead weight
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

    /**
     * The current key's series in keyed state, for one value or timer. The latest value is read
     * from state once (the step asks for it again for the next deadline) and kept without its
     * slices and examples ({@link KpiValue#withoutDetail}), which no time-based step reads: a KPI
     * with examples would otherwise write them twice per value, once in the window that made them
     * and once here.
     */
    private SeriesStep.Series series(String key) {
        SeriesAlerts.States states = new AlertStatesInState(alerts, gauges, key);
        return new SeriesStep.Series() {
            private KpiValue latest;
            private boolean read;

            @Override
            public KpiValue last() throws Exception {
                if (!read) {
                    latest = last.value();
                    read = true;
                }
                return latest;
            }

            @Override
            public void last(KpiValue value) throws Exception {
                latest = value.withoutDetail();
                read = true;
                last.update(latest);
            }

            @Override
            public SeriesHistory history() throws Exception {
                return history.value();
            }

            @Override
            public void history(SeriesHistory h) throws Exception {
                history.update(h);
            }

            @Override
            public SliceBaseline slices() throws Exception {
                SliceBaseline.State state = slices.value();
                return state == null ? null : SliceBaseline.of(state, SliceBaseline.DEFAULT_CAPACITY);
            }

            @Override
            public void slices(SliceBaseline baseline) throws Exception {
                slices.update(baseline.state());
            }

            @Override
            public SeriesAlerts.States alerts() {
                return states;
            }
        };
    }
}
