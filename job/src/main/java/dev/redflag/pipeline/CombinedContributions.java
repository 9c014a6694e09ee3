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
 * <p>It holds nothing across a flush, so it has no state: it flushes before forwarding a
 * watermark or a change of watermark status (a window never closes on a partial pane), before a
 * checkpoint barrier, at the end of input, when {@value #MAX_PANES} panes are held, and at the
 * latest {@value #MAX_DELAY_MS} ms after it took a contribution, so a late event's window update
 * is not held back by a source that sends no watermark.
 */
final class CombinedContributions extends AbstractStreamOperator<Contribution>
        implements OneInputStreamOperator<Event, Contribution>, BoundedOneInput {

    static final int MAX_PANES = 10_000;
    static final long MAX_DELAY_MS = 100;

    private final KpiCatalog catalog;

    private transient ContributionCombiner combiner;
    private transient Consumer<Contribution> toOutput;
    private transient boolean flushScheduled;

    CombinedContributions(KpiCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void open() throws Exception {
        super.open();
        combiner = new ContributionCombiner(catalog);
        StreamRecord<Contribution> record = new StreamRecord<>(null);
        toOutput = c -> output.collect(record.replace(c, c.ts()));
    }

    @Override
    public void processElement(StreamRecord<Event> element) throws Exception {
        combiner.add(element.getValue());
        if (combiner.size() >= MAX_PANES) {
            flush();
        } else if (!flushScheduled && combiner.size() > 0) {
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + MAX_DELAY_MS, time -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
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
