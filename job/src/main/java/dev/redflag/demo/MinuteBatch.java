package dev.redflag.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects the records of one simulated minute and hands them out in time order, adding the two
 * kinds of imperfection real producers have: a few records stamped up to 20 s earlier than where
 * they sit in the stream (out of order, but never before the minute's start), and the occasional
 * broken line. Both use random sources of their own, so switching them on or off leaves every
 * good record exactly as it was.
 */
final class MinuteBatch {

    static final long MAX_SHIFT_MILLIS = 20_000;

    private static final Comparator<Line> ORDER =
            Comparator.comparingLong(Line::at).thenComparingLong(Line::seq);

    private record Line(long at, long seq, String json) {
    }

    private final RecordWriter writer = new RecordWriter();
    private final SplittableRandom shifts;
    private final SplittableRandom garbage;
    private final double outOfOrderRate;
    private final double malformedRate;
    private final List<Line> lines = new ArrayList<>();

    private long from;
    private long seq;
    private long pendingAt;
    private String pendingTenant;
    private long malformedSerial;

    MinuteBatch(SplittableRandom shifts, SplittableRandom garbage, double outOfOrderRate,
                double malformedRate) {
        this.shifts = shifts;
        this.garbage = garbage;
        this.outOfOrderRate = outOfOrderRate;
        this.malformedRate = malformedRate;
    }

    void start(long minuteStart) {
        from = minuteStart;
        lines.clear();
    }

    /** Starts the record of an event that happened at {@code at}; finish it with {@link #commit}. */
    RecordWriter begin(String type, long at, String tenant) {
        long ts = at;
        if (outOfOrderRate > 0 && shifts.nextDouble() < outOfOrderRate) {
            ts = Math.max(from, at - 1 - shifts.nextLong(MAX_SHIFT_MILLIS));
        }
        pendingAt = at;
        pendingTenant = tenant;
        return writer.begin(type, ts, tenant);
    }

    void commit() {
        String json = writer.end();
        lines.add(new Line(pendingAt, seq++, json));
        if (malformedRate > 0 && garbage.nextDouble() < malformedRate) {
            String bad = Malformation.any(garbage).line(garbage, writer, json, pendingAt,
                    pendingTenant, ++malformedSerial);
            lines.add(new Line(pendingAt, seq++, bad));
        }
    }

    /** The minute's lines ordered by when their events happened. */
    List<String> finish() {
        lines.sort(ORDER);
        List<String> out = new ArrayList<>(lines.size());
        for (Line line : lines) {
            out.add(line.json());
        }
        lines.clear();
        return out;
    }
}
