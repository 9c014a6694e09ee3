package dev.redflag.backtest;

import dev.redflag.kpi.KpiValue;

import java.time.Instant;
import java.util.List;

/**
 * The stretch of event time a backtest's KPI values cover, from the first window's start to the
 * last window's end: alerts still firing at its end are counted as firing until then.
 */
public record HistorySpan(long start, long end) {

    public static final HistorySpan EMPTY = new HistorySpan(0, 0);

    public static HistorySpan of(List<KpiValue> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (KpiValue v : values) {
            start = Math.min(start, v.windowStart());
            end = Math.max(end, v.windowEnd());
        }
        return new HistorySpan(start, end);
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }

    @Override
    public String toString() {
        return isEmpty() ? "no KPI values" : Instant.ofEpochMilli(start) + " .. " + Instant.ofEpochMilli(end);
    }
}
