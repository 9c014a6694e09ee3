package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesStep;
import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.rules.Rule;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Absent rules with {@code scope: kpi}: keyed by KPI and window, it remembers when each rule last
 * saw a matching value of any series, and fires when the watermark moves that far past it with
 * nothing new — a whole stream going silent while other events keep time moving. The Flink shell
 * around {@link SeriesStep}'s stream step, shared with {@code redflag test} and backtests. With
 * metrics it keeps the {@code redflag_alerts} gauges of its keys, as {@link RuleEvaluationFunction}
 * does.
 */
public class StreamAbsenceFunction extends KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent>
        implements CheckpointedFunction {

    private final KpiCatalog catalog;
    private final AlertLifecycle lifecycle;
    private final MetricsConfig metrics;
    private final String initialRules;

    private transient MapState<String, Long> lastSeen;
    private transient MapState<String, AlertState> alerts;
    private transient MapStateDescriptor<String, AlertState> alertsDescriptor;
    private transient SeriesStep step;
    private transient ActiveRulesCache rules;
    private transient ActiveAlertGauges gauges;
    private transient MetricsHub hub;

    public StreamAbsenceFunction(KpiCatalog catalog, AlertLifecycle lifecycle) {
        this(catalog, lifecycle, null);
    }

    /** @param metrics where to export alerts; null for none (offline runs) */
    public StreamAbsenceFunction(KpiCatalog catalog, AlertLifecycle lifecycle, MetricsConfig metrics) {
        this(catalog, lifecycle, metrics, null);
    }

    /**
     * @param metrics      where to export alerts; null for none (offline runs)
     * @param initialRules the rule bundle (JSON, validated) in force until one is broadcast; null for none
     */
    public StreamAbsenceFunction(KpiCatalog catalog, AlertLifecycle lifecycle, MetricsConfig metrics, String initialRules) {
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

    /** Values are keyed by KPI and window. */
    public static String keyOf(KpiValue value) {
        return value.kpi() + KpiKeys.SEP + value.window();
    }

    @Override
    public void open(OpenContext openContext) {
        lastSeen = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-seen", Types.STRING, Types.LONG));
        alertsDescriptor = new MapStateDescriptor<>("stream-alerts", Types.STRING, TypeInformation.of(AlertState.class));
        alerts = getRuntimeContext().getMapState(alertsDescriptor);
        step = new SeriesStep(lifecycle);
        rules = new ActiveRulesCache(catalog, initialRules);
        if (metrics != null) {
            hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
            gauges.export(hub.alertGauges(catalog.dimensions()));
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            gauges.close();
            hub.release();
            hub = null;
        }
    }

    @Override
    public void processElement(KpiValue value, ReadOnlyContext ctx, Collector<AlertEvent> out) throws Exception {
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        if (active == null || active.streamAbsent(value.kpi(), value.window()).isEmpty()) {
            return;
        }
        String key = ctx.getCurrentKey();
        SeriesStep.Stream stream = stream(key);
        emit(key, step.streamValue(active, stream, value), out);
        for (Map.Entry<String, Long> e : stream.lastSeen().entrySet()) {
            lastSeen.put(e.getKey(), e.getValue());
        }
        schedule(active, stream, ctx.timerService().currentWatermark(), ctx);
    }

    private void schedule(ActiveRules active, SeriesStep.Stream stream, long watermark, ReadOnlyContext ctx)
            throws Exception {
        long due = step.nextStreamDeadline(active, stream);
        if (due != Long.MAX_VALUE && due > watermark) {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        if (active == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        SeriesStep.Stream stream = stream(key);
        emit(key, step.streamTime(active, stream, timestamp), out);
        schedule(active, stream, timestamp, ctx);
    }

    @Override
    public void processBroadcastElement(String bundleJson, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        org.apache.flink.api.common.state.BroadcastState<String, String> state =
                ctx.getBroadcastState(ActiveRulesCache.RULES);
        ActiveRules previous = rules.get(state);
        state.put(ActiveRulesCache.CURRENT, bundleJson);
        if (previous == null) {
            return;
        }
        List<Rule> dropped = previous.droppedIn(rules.get(state));
        if (dropped.isEmpty()) {
            return;
        }
        dropped.forEach(rule -> gauges.ruleDropped(rule.id()));
        ctx.applyToKeyedState(alertsDescriptor, DroppedRules.resolver(previous, dropped, step.alerts(),
                ctx.currentWatermark(), (key, rule, s) -> new KpiValue(rule.kpi(), KpiKeys.window(key),
                        new java.util.TreeMap<>(), s.windowStart(), s.windowEnd(), Double.NaN, Double.NaN,
                        Double.NaN, 0), out));
    }

    private void emit(String key, List<AlertEvent> events, Collector<AlertEvent> out) {
        for (AlertEvent e : events) {
            gauges.transition(key, e);
            out.collect(e);
        }
    }

    /** The current key's KPI and window, with what their rules last saw copied out of keyed state. */
    private SeriesStep.Stream stream(String key) throws Exception {
        Map<String, Long> seen = new HashMap<>();
        for (Map.Entry<String, Long> e : lastSeen.entries()) {
            seen.put(e.getKey(), e.getValue());
        }
        return new SeriesStep.Stream(KpiKeys.kpi(key), KpiKeys.window(key),
                new AlertStatesInState(alerts, gauges, key), seen);
    }
}
