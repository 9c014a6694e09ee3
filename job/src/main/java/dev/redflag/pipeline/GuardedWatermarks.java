package dev.redflag.pipeline;

import dev.redflag.event.Envelope;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounded out-of-orderness watermarks that a single absurd timestamp cannot drag forward: an event
 * stamped more than {@code maxFutureSkew} ahead of the wall clock does not move the watermark (the
 * event gate dead-letters it). Without this guard one record stamped in 2099 would make every later
 * event late. Jumps forward in event time within that bound are normal (a quiet night, a replay
 * of history) and are trusted.
 */
public class GuardedWatermarks implements WatermarkGenerator<Envelope> {

    private final long outOfOrderness;
    private final FutureSkewGuard futureSkew;
    private long maxTimestamp = Long.MIN_VALUE;

    public GuardedWatermarks(long outOfOrdernessMillis, long maxFutureSkewMillis, LongSupplier wallClock) {
        this.outOfOrderness = outOfOrdernessMillis;
        this.futureSkew = new FutureSkewGuard(maxFutureSkewMillis, wallClock);
    }

    /** The watermark strategy of every redflag source. */
    public static WatermarkStrategy<Envelope> strategy(Duration outOfOrderness, Duration maxFutureSkew,
                                                       Duration idleness) {
        long bound = outOfOrderness.toMillis();
        long skew = maxFutureSkew.toMillis();
        WatermarkStrategy<Envelope> strategy = WatermarkStrategy
                .<Envelope>forGenerator(ctx -> new GuardedWatermarks(bound, skew, System::currentTimeMillis))
                .withTimestampAssigner((envelope, recordTs) ->
                        envelope.isEvent() ? envelope.event.ts() : recordTs);
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }

    @Override
    public void onEvent(Envelope envelope, long eventTimestamp, WatermarkOutput output) {
        if (!envelope.isEvent() || futureSkew.tooFarAhead(eventTimestamp)) {
            return;
        }
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxTimestamp - outOfOrderness - 1));
        }
    }
}
