package dev.redflag.pipeline;

import dev.redflag.event.DeadLetter;
import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.Envelope;
import dev.redflag.event.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one place that decides whether a record enters the KPI pipeline. Records that did not decode,
 * that are stamped too far ahead of the wall clock, or that are further behind the watermark than the
 * allowed lateness leave through the dead-letter side output with their original bytes; everything
 * is counted, and events behind the watermark but within the allowed lateness also as late (they
 * still update their windows). Later operators can therefore trust every event they see.
 *
 * <p>Lateness is judged here, against the watermark of the source subtask that read the event,
 * rather than in the KPI operators: one event feeds several KPIs, windows and entity operators,
 * whose watermarks trail this one, so counting there would count contributions, not events, and
 * would not add up with the {@code late} dead letters.
 *
 * <p>Admitted events go to the main output and to each {@link EventTap} that takes them.
 */
public class EventGate extends ProcessFunction<Envelope, Event> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final long allowedLateness;
    private final long maxFutureSkew;
    private final GateCounters.Factory counters;
    private final EventTap[] taps;

    private transient GateCounters count;
    private transient FutureSkewGuard futureSkew;

    public EventGate(long allowedLatenessMillis, long maxFutureSkewMillis,
                     GateCounters.Factory counters) {
        this(allowedLatenessMillis, maxFutureSkewMillis, counters, List.of());
    }

    public EventGate(long allowedLatenessMillis, long maxFutureSkewMillis,
                     GateCounters.Factory counters, List<EventTap> taps) {
        this.allowedLateness = allowedLatenessMillis;
        this.maxFutureSkew = maxFutureSkewMillis;
        this.counters = counters;
        this.taps = taps.toArray(new EventTap[0]);
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        count = counters.create();
        futureSkew = FutureSkewGuard.ofSystemClock(maxFutureSkew);
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
        if (futureSkew.tooFarAhead(ts)) {
            reject(envelope.toDeadLetter(DeadLetterReason.TIMESTAMP_TOO_FAR, "ts "
                    + Instant.ofEpochMilli(ts) + " is more than " + Duration.ofMillis(maxFutureSkew)
                    + " ahead of the clock (event-time.max-future-skew)"), ctx);
            return;
        }
        if (watermark != Long.MIN_VALUE && ts + allowedLateness <= watermark) {
            reject(envelope.toDeadLetter(DeadLetterReason.LATE, "ts " + Instant.ofEpochMilli(ts)
                    + " is " + Duration.ofMillis(watermark - ts) + " behind the watermark "
                    + Instant.ofEpochMilli(watermark) + "; allowed lateness is "
                    + Duration.ofMillis(allowedLateness)), ctx);
            return;
        }
        count.eventIn(event.type());
        if (ts <= watermark) {
            // the same watermark that dead-letters the later ones: together they are every late event
            count.lateEvent(event.type());
        }
        out.collect(event);
        for (EventTap tap : taps) {
            if (tap.feeds().test(event)) {
                ctx.output(tap.tag(), event);
            }
        }
    }

    private void reject(DeadLetter letter, Context ctx) {
        count.deadLetter(letter.reason());
        ctx.output(DEAD_LETTERS, letter);
    }
}
