package dev.redflag.pipeline;

import dev.redflag.event.Event;
import dev.redflag.kpi.Contribution;
import dev.redflag.kpi.ContributionCombiner;
import dev.redflag.kpi.KpiCatalog;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.function.Consumer;

/**
 * Events in, their KPI contributions out, merged per key and pane on the source side of the
 * {@code keyBy} ({@link ContributionCombiner}). Chained to the source, it turns the per-event
 * network record and state update of the window operator into one per key and pane per flush.
 *
 * <p>The window operator emits a window's value only when the watermark closes it (and again for
 * a late update), so a pane is held until a watermark completes it: before forwarding a watermark,
 * the panes whose first window that watermark may close leave, and the others stay. An hour of a
 * busy key is then one record per checkpoint interval rather than one per watermark (every
 * 200 ms), which is most of what slices (one pane per combination of slice values) cost the
 * network and the window operator.
 *
 * <p>It holds nothing across a checkpoint, so it has no state: everything leaves before a
 * checkpoint barrier, at a change of watermark status, at the end of input and when the combiner
 * is full: 10,000 contributions at first, up to 160,000 while the keys it sent on for want of room
 * come back ({@link ContributionCombiner#full}). A late event (at or before the last watermark)
 * makes a pane that is complete already: it leaves at the latest {@value #MAX_DELAY_MS} ms later,
 * so its window's update is not held back by a source that sends no further watermark.
 */
final class CombinedContributions extends AbstractStreamOperator<Contribution>
        implements OneInputStreamOperator<Event, Contribution>, BoundedOneInput {

    static final long MAX_DELAY_MS = 100;

    private final KpiCatalog catalog;

    private transient ContributionCombiner combiner;
    private transient Consumer<Contribution> toOutput;
    private transient boolean flushScheduled;
    private transient long watermark;

    CombinedContributions(KpiCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void open() throws Exception {
        super.open();
        combiner = new ContributionCombiner(catalog);
        StreamRecord<Contribution> record = new StreamRecord<>(null);
        toOutput = c -> output.collect(record.replace(c, c.ts()));
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<Event> element) throws Exception {
        Event event = element.getValue();
        combiner.add(event);
        if (combiner.full()) {
            combiner.drainForRoom(toOutput);
        } else if (!flushScheduled && event.ts() <= watermark && combiner.size() > 0) {
            // every pane of an event after the watermark ends after it too: only a late one is complete
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + MAX_DELAY_MS, time -> {
                flushScheduled = false;
                combiner.drainComplete(watermark, toOutput);
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        combiner.drainComplete(watermark, toOutput);
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        flush();
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        combiner.drain(toOutput);
    }
}
