package dev.redflag.pipeline;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Rule sets, silences and feedback have no event time. Their streams stay idle, so that where they join the
 * KPI values they neither hold back the watermark the alert timers run on nor push it forward.
 * Emitting the maximum watermark instead would be wrong: while the KPI input is idle (a lull in
 * traffic longer than the idleness timeout) the operator would take the config stream's watermark,
 * fire every event-time timer at once and resolve firing alerts as stale.
 */
final class ConfigTopicWatermarks<T> implements WatermarkGenerator<T> {

    static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new ConfigTopicWatermarks<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
