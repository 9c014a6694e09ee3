package dev.redflag.pipeline;

import dev.redflag.event.Envelope;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Event time for an offline run over a finite input (a file, a topic read to its end) in Flink's
 * streaming mode: each event is stamped with its {@code ts}; the watermark stays put while the
 * input is read, so no event is late and every window waits for all of its events whatever the
 * order of the lines; when the input ends it moves to the latest event's time, as a live job's
 * would once its data had arrived, then to the end of time. Keyed operators therefore see event
 * time pass the whole span of the data: a funnel or ledger key that goes quiet keeps reporting at
 * every boundary up to the end of the data, as it does live, and stops there (see
 * {@code EventTimeOrderedFunction}). An event stamped too far ahead of the wall clock, which the
 * event gate dead-letters, does not move the end of the data, as it does not move a live watermark.
 */
final class EndOfInputWatermarks extends AbstractStreamOperator<Envelope>
        implements OneInputStreamOperator<Envelope, Envelope> {

    private final long maxFutureSkew;
    private transient FutureSkewGuard futureSkew;
    private long latest = Long.MIN_VALUE;

    EndOfInputWatermarks(long maxFutureSkewMillis) {
        this.maxFutureSkew = maxFutureSkewMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        futureSkew = FutureSkewGuard.ofSystemClock(maxFutureSkew);
    }

    @Override
    public void processElement(StreamRecord<Envelope> record) {
        Envelope envelope = record.getValue();
        if (envelope.isEvent()) {
            long ts = envelope.event.ts();
            record.setTimestamp(ts);
            if (!futureSkew.tooFarAhead(ts)) {
                latest = Math.max(latest, ts);
            }
        }
        output.collect(record);
    }

    /** Only the end of input moves event time: first to the latest event, then to the end. */
    @Override
    public void processWatermark(Watermark mark) {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            return;
        }
        if (latest != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(latest));
        }
        output.emitWatermark(mark);
    }
}
