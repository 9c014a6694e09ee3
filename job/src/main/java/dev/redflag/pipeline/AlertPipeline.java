package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Alerting on top of the KPI topology: rule bundles are checked once, broadcast to every
 * evaluating subtask, and KPI values are judged per series (and per KPI for stream-wide absence).
 * Shared by the live job and backtests, like {@link KpiPipeline}.
 */
public final class AlertPipeline {

    private AlertPipeline() {
    }

    /**
     * @param bundles rule bundles as JSON, in the order they were published
     * @param metrics where to count rule reloads and export alerts, evaluation time and event-time
     *                lag; null for none
     */
    public static DataStream<AlertEvent> build(DataStream<KpiValue> kpis, DataStream<String> bundles,
                                               KpiCatalog catalog, AlertLifecycle lifecycle, MetricsConfig metrics) {
        return build(kpis, bundles, null, catalog, lifecycle, metrics);
    }

    /**
     * @param initial the rule bundle in force before the first of {@code bundles} arrives (as JSON,
     *                validated); null for none, as live, where values before it are not judged
     */
    public static DataStream<AlertEvent> build(DataStream<KpiValue> kpis, DataStream<String> bundles,
                                               String initial, KpiCatalog catalog, AlertLifecycle lifecycle,
                                               MetricsConfig metrics) {
        return build(kpis, kpis, bundles, initial, catalog, lifecycle, metrics);
    }

    /**
     * The live job's: stream absence reads {@code arrivals}, the same values handed on by another
     * task (it needs only which KPI and window a value is of and when it ends), so the window
     * operator, the busiest task at many series, does not serialize each value for it as well.
     */
    public static DataStream<AlertEvent> build(DataStream<KpiValue> kpis, DataStream<KpiValue> arrivals,
                                               DataStream<String> bundles, KpiCatalog catalog,
                                               AlertLifecycle lifecycle, MetricsConfig metrics) {
        return build(kpis, arrivals, bundles, null, catalog, lifecycle, metrics);
    }

    private static DataStream<AlertEvent> build(DataStream<KpiValue> kpis, DataStream<KpiValue> arrivals,
                                                DataStream<String> bundles, String initial, KpiCatalog catalog,
                                                AlertLifecycle lifecycle, MetricsConfig metrics) {
        BroadcastStream<String> rules = bundles
                .process(new RuleSetGate(catalog, metrics)).returns(Types.STRING)
                .setParallelism(1).name("rule-set-gate").uid("rule-set-gate")
                .broadcast(ActiveRulesCache.RULES);
        DataStream<AlertEvent> series = kpis
                .keyBy(KpiValue::seriesKey)
                .connect(rules)
                .process(new RuleEvaluationFunction(catalog, lifecycle, metrics, initial))
                .returns(TypeInformation.of(AlertEvent.class))
                .name("rule-evaluation").uid("rule-evaluation");
        DataStream<AlertEvent> streams = arrivals
                .keyBy(StreamAbsenceFunction::keyOf)
                .connect(rules)
                .process(new StreamAbsenceFunction(catalog, lifecycle, metrics, initial))
                .returns(TypeInformation.of(AlertEvent.class))
                .name("stream-absence").uid("stream-absence");
        return series.union(streams);
    }
}
