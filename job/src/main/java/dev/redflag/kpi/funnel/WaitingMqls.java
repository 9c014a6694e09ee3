package dev.redflag.kpi.funnel;

import org.apache.flink.api.common.state.MapState;

import java.util.Arrays;
import java.util.Map;

/**
 * The MQL times of one funnel key's leads still waiting as MQL, as a multiset (MQL time → leads)
 * in keyed map state. The median age at a boundary then reads only the waiting leads, not every
 * lead kept until the entity TTL, and a lead entering or leaving the pool rewrites one small entry
 * rather than one big value (RocksDB serializes whatever is written).
 */
final class WaitingMqls {

    private static final double HOUR = 3_600_000d;

    private final MapState<Long, Integer> byMqlTime;
    /** Reused between boundaries so a median allocates nothing once it has grown. */
    private long[] scratch = new long[16];

    WaitingMqls(MapState<Long, Integer> byMqlTime) {
        this.byMqlTime = byMqlTime;
    }

    void add(long mqlTs) throws Exception {
        Integer n = byMqlTime.get(mqlTs);
        byMqlTime.put(mqlTs, n == null ? 1 : n + 1);
    }

    void remove(long mqlTs) throws Exception {
        Integer n = byMqlTime.get(mqlTs);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            byMqlTime.remove(mqlTs);
        } else {
            byMqlTime.put(mqlTs, n - 1);
        }
    }

    /**
     * The median hours waited at {@code at} by the leads that became MQL before it, or null when
     * there are none.
     */
    MedianAge medianAgeAt(long at) throws Exception {
        int n = 0;
        for (Map.Entry<Long, Integer> e : byMqlTime.entries()) {
            long mqlTs = e.getKey();
            if (mqlTs >= at) {
                continue;
            }
            int count = e.getValue();
            if (n + count > scratch.length) {
                scratch = Arrays.copyOf(scratch, Math.max(n + count, scratch.length * 2));
            }
            Arrays.fill(scratch, n, n + count, mqlTs);
            n += count;
        }
        if (n == 0) {
            return null;
        }
        Arrays.sort(scratch, 0, n);
        // ages ascend as MQL times descend: the middle ages are those of the middle MQL times
        int mid = n / 2;
        double median = n % 2 == 1 ? hours(at, scratch[mid])
                : (hours(at, scratch[mid]) + hours(at, scratch[mid - 1])) / 2;
        return new MedianAge(median, n);
    }

    private static double hours(long at, long mqlTs) {
        return (at - mqlTs) / HOUR;
    }

    /** The median age in hours and the number of waiting leads it is the median of. */
    record MedianAge(double hours, int leads) {
    }
}
