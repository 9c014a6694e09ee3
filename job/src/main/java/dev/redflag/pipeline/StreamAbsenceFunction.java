package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Absent rules with {@code scope: kpi}: keyed by KPI and window, it remembers when each rule last
 * saw a matching value of any series, and fires when the watermark moves that far past it with
 * nothing new — a whole stream going silent while other events keep time moving.
 */
public class StreamAbsenceFunction extends KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent> {

    private final KpiCatalog catalog;
    private final AlertLifecycle lifecycle;

    private transient MapState<String, Long> lastSeen;
    private transient MapState<String, AlertState> alerts;
    private transient MapStateDescriptor<String, AlertState> alertsDescriptor;
    private transient SeriesAlerts series;
    private transient ActiveRulesCache rules;

    public StreamAbsenceFunction(KpiCatalog catalog, AlertLifecycle lifecycle) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
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
        series = new SeriesAlerts(lifecycle);
        rules = new ActiveRulesCache(catalog);
    }

    @Override
    public void processElement(KpiValue value, ReadOnlyContext ctx, Collector<AlertEvent> out) throws Exception {
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        if (active == null || active.streamAbsent(value.kpi(), value.window()).isEmpty()) {
            return;
        }
        Map<String, Long> seen = seen();
        AlertStatesInState states = new AlertStatesInState(alerts);
        // deadlines passed since the previous value (in batch runs no timer fires in between)
        long due = series.nextStreamDeadline(active, states, seen, value.kpi(), value.window());
        while (due < value.windowEnd()) {
            series.onStreamTime(active, states, seen, value.kpi(), value.window(), due).forEach(out::collect);
            long next = series.nextStreamDeadline(active, states, seen, value.kpi(), value.window());
            if (next <= due) {
                break;
            }
            due = next;
        }
        series.onStreamValue(active, states, seen, value).forEach(out::collect);
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            lastSeen.put(e.getKey(), e.getValue());
        }
        schedule(active, states, seen, value.kpi(), value.window(), ctx.timerService().currentWatermark(), ctx);
    }

    private void schedule(ActiveRules active, AlertStatesInState states, Map<String, Long> seen, String kpi,
                          String window, long watermark, ReadOnlyContext ctx) throws Exception {
        long due = series.nextStreamDeadline(active, states, seen, kpi, window);
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
        AlertStatesInState states = new AlertStatesInState(alerts);
        Map<String, Long> seen = seen();
        series.onStreamTime(active, states, seen, KpiKeys.kpi(key), KpiKeys.window(key), timestamp)
                .forEach(out::collect);
        schedule(active, states, seen, KpiKeys.kpi(key), KpiKeys.window(key), timestamp, ctx);
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
        java.util.List<Rule> dropped = previous.droppedIn(rules.get(state));
        if (dropped.isEmpty()) {
            return;
        }
        ctx.applyToKeyedState(alertsDescriptor, DroppedRules.resolver(previous, dropped, series,
                ctx.currentWatermark(), (key, rule, s) -> new KpiValue(rule.kpi(), KpiKeys.window(key),
                        new java.util.TreeMap<>(), s.windowStart(), s.windowEnd(), Double.NaN, Double.NaN,
                        Double.NaN, 0), out));
    }

    private Map<String, Long> seen() throws Exception {
        Map<String, Long> seen = new HashMap<>();
        for (Map.Entry<String, Long> e : lastSeen.entries()) {
            seen.put(e.getKey(), e.getValue());
        }
        return seen;
    }
}
