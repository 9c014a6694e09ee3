package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.SeriesHistory;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/**
 * The Flink shell around {@link SeriesAlerts}: keyed by KPI series, it keeps each series' history,
 * latest value and alert states in keyed state, the active rule set in broadcast state, and a
 * timer for the next moment time alone can change an alert (keep_firing_for running out, a series
 * going absent). A new rule set replaces the old one whole; alerts of rules it drops resolve.
 * Checkpointed like all keyed state, so after a restore no transition is lost or repeated.
 */
public class RuleEvaluationFunction extends KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent> {


    private final KpiCatalog catalog;
    private final AlertLifecycle lifecycle;

    private transient ValueState<SeriesHistory> history;
    private transient ValueState<KpiValue> last;
    private transient MapState<String, AlertState> alerts;
    private transient MapStateDescriptor<String, AlertState> alertsDescriptor;
    private transient SeriesAlerts series;
    private transient ActiveRulesCache rules;

    public RuleEvaluationFunction(KpiCatalog catalog, AlertLifecycle lifecycle) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history",
                TypeInformation.of(SeriesHistory.class)));
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(KpiValue.class)));
        alertsDescriptor = new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(AlertState.class));
        alerts = getRuntimeContext().getMapState(alertsDescriptor);
        series = new SeriesAlerts(lifecycle);
        rules = new ActiveRulesCache(catalog);
    }

    @Override
    public void processElement(KpiValue value, ReadOnlyContext ctx, Collector<AlertEvent> out) throws Exception {
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        KpiValue previous = last.value();
        if (previous != null && previous.windowStart() > value.windowStart()) {
            return; // a late re-emission of an older window: its judgement is history
        }
        last.update(value);
        if (active == null) {
            return;
        }
        if (previous != null) {
            // deadlines passed between the two values (in batch runs no timer fires in between)
            long due = series.nextDeadline(active, states(), previous);
            while (due < value.windowEnd()) {
                series.onTime(active, states(), previous, due).forEach(out::collect);
                long next = series.nextDeadline(active, states(), previous);
                if (next <= due) {
                    break; // nothing further changes with time alone
                }
                due = next;
            }
        }
        SeriesHistory h = history.value();
        int capacity = active.lookback(value.kpi(), value.window()) + 1;
        if (h == null) {
            h = new SeriesHistory(capacity);
        } else if (h.capacity() != capacity) {
            h.resize(capacity);
        }
        for (AlertEvent e : series.onValue(active, h, states(), value)) {
            out.collect(e);
        }
        history.update(h);
        scheduleTicks(active, value, ctx.timerService().currentWatermark(), ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        ActiveRules active = rules.get(ctx.getBroadcastState(ActiveRulesCache.RULES));
        KpiValue value = last.value();
        if (active == null || value == null) {
            return;
        }
        for (AlertEvent e : series.onTime(active, states(), value, timestamp)) {
            out.collect(e);
        }
        scheduleTicks(active, value, timestamp, ctx);
    }

    @Override
    public void processBroadcastElement(String bundleJson, Context ctx, Collector<AlertEvent> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(ActiveRulesCache.RULES);
        ActiveRules previous = rules.get(state);
        state.put(ActiveRulesCache.CURRENT, bundleJson);
        ActiveRules next = rules.get(state);
        if (previous == null) {
            return;
        }
        List<Rule> dropped = previous.droppedIn(next);
        if (dropped.isEmpty()) {
            return;
        }
        ctx.applyToKeyedState(alertsDescriptor, DroppedRules.resolver(previous, dropped, series,
                ctx.currentWatermark(), this::lastOf, out));
    }

    /** The latest value is in another state, out of reach here: rebuild the labels from the key. */
    private KpiValue lastOf(String key, Rule rule, AlertState s) {
        List<String> dimNames = catalog.spec(rule.kpi()).by().stream().sorted().toList();
        Map<String, String> dims = dev.redflag.kpi.KpiKeys.dims(key, dimNames);
        String window = dev.redflag.kpi.KpiKeys.window(key);
        return new KpiValue(rule.kpi(), window, dims, s.windowStart(), s.windowEnd(), s.value(), Double.NaN,
                Double.NaN, 0);
    }

    /** A timer for the next instant at which time alone can change an alert of this series. */
    private void scheduleTicks(ActiveRules active, KpiValue value, long watermark, ReadOnlyContext ctx)
            throws Exception {
        long due = series.nextDeadline(active, states(), value);
        if (due != Long.MAX_VALUE && due > watermark) {
            ctx.timerService().registerEventTimeTimer(due);
        }
    }

    private SeriesAlerts.States states() {
        return new AlertStatesInState(alerts);
    }
}
