package dev.redflag.pipeline;

import dev.redflag.event.DeadLetter;
import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.Envelope;
import dev.redflag.event.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one place that decides whether a record enters the KPI pipeline. Records that did not decode,
 * that are stamped too far ahead of the wall clock or the watermark, or that are later than the
 * allowed lateness leave through the dead-letter side output with their original bytes; everything
 * is counted. Later operators can therefore trust every event they see.
 */
public class EventGate extends ProcessFunction<Envelope, Event> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final long outOfOrderness;
    private final long allowedLateness;
    private final long maxFutureSkew;
    private final GateCounters.Factory counters;

    private transient GateCounters count;

    public EventGate(long outOfOrdernessMillis, long allowedLatenessMillis, long maxFutureSkewMillis,
                     GateCounters.Factory counters) {
        this.outOfOrderness = outOfOrdernessMillis;
        this.allowedLateness = allowedLatenessMillis;
        this.maxFutureSkew = maxFutureSkewMillis;
        this.counters = counters;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        count = counters.create();
    }

    @Override
    public void close() {
        if (count != null) {
            count.close();
        }
    }

    @Override
    public void processElement(Envelope envelope, Context ctx, Collector<Event> out) {
        if (!envelope.isEvent()) {
            reject(envelope.toDeadLetter(), ctx);
            return;
        }
        Event event = envelope.event;
        long ts = event.ts();
        long watermark = ctx.timerService().currentWatermark();
        // the watermark trails the highest trusted timestamp by the out-of-orderness bound
        long highest = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark + outOfOrderness + 1;
        if (GuardedWatermarks.tooFarAhead(ts, highest, System.currentTimeMillis(), maxFutureSkew)) {
            reject(envelope.toDeadLetter(DeadLetterReason.TIMESTAMP_TOO_FAR,
                    "ts " + ts + " is more than " + maxFutureSkew + " ms ahead of the wall clock"
                            + " or of the latest event time"), ctx);
            return;
        }
        if (watermark != Long.MIN_VALUE && ts + allowedLateness <= watermark) {
            reject(envelope.toDeadLetter(DeadLetterReason.LATE, "ts " + ts + " is "
                    + (watermark - ts) + " ms behind the watermark; allowed lateness is "
                    + allowedLateness + " ms"), ctx);
            return;
        }
        count.eventIn(event.type());
        out.collect(event);
    }

    private void reject(DeadLetter letter, Context ctx) {
        count.deadLetter(letter.reason());
        ctx.output(DEAD_LETTERS, letter);
    }
}
