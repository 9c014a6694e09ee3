package dev.redflag.pipeline;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Rule sets have no event time. Their stream declares "nothing earlier will come" from the start,
 * so that joining it to the KPI values never holds back the watermark the alert timers run on.
 */
final class RuleBundleWatermarks implements WatermarkGenerator<String> {

    static WatermarkStrategy<String> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new RuleBundleWatermarks());
    }

    @Override
    public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
