package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import java.util.ArrayList;
import java.util.List;

/**
 * The live job's two alerting operators, per series and per KPI ({@link RuleEvaluationFunction},
 * {@link StreamAbsenceFunction}), each in Flink's keyed broadcast test harness with a rule set in
 * broadcast state: KPI values and watermarks in, as the live job feeds them, transitions out.
 */
public final class RuleOperators implements AutoCloseable {

    private final KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> series;
    private final KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> streams;

    /** @param bundleJson a validated rule bundle as the rule-set gate broadcasts it */
    public RuleOperators(KpiCatalog catalog, AlertLifecycle lifecycle, String bundleJson) throws Exception {
        series = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new RuleEvaluationFunction(catalog, lifecycle), KpiValue::seriesKey, Types.STRING,
                ActiveRulesCache.RULES);
        streams = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new StreamAbsenceFunction(catalog, lifecycle), StreamAbsenceFunction::keyOf, Types.STRING,
                ActiveRulesCache.RULES);
        series.processBroadcastElement(new StreamRecord<>(bundleJson));
        streams.processBroadcastElement(new StreamRecord<>(bundleJson));
    }

    /** A KPI value as the KPI operators emit it: stamped with the last instant of its window. */
    public void value(KpiValue v) throws Exception {
        series.processElement(new StreamRecord<>(v, v.windowEnd() - 1));
        streams.processElement(new StreamRecord<>(v, v.windowEnd() - 1));
    }

    /** The watermark of both inputs: the rule bundles' source keeps up with the KPI values' live. */
    public void watermark(long watermark) throws Exception {
        series.watermark(watermark);
        streams.watermark(watermark);
    }

    /** The transitions since the last call: the series operator's, then the stream operator's. */
    public List<AlertEvent> drain() {
        List<AlertEvent> out = new ArrayList<>(series.extractOutputValues());
        out.addAll(streams.extractOutputValues());
        series.getOutput().clear();
        streams.getOutput().clear();
        return out;
    }

    @Override
    public void close() throws Exception {
        series.close();
        streams.close();
    }
}
