package dev.redflag.bench;

import java.util.Arrays;

/**
 * How far each partition of the events topic had got in event time, and when (wall clock): per
 * partition a monotone log of (wall ms, largest event timestamp acknowledged so far), appended to
 * only when the largest timestamp grows. From it, {@link #reachedAt} tells when every partition
 * had carried an event at or past a given timestamp, which is when a bounded-out-of-orderness
 * watermark can pass it: the time an alert became due.
 *
 * <p>Not thread-safe: the producer's I/O thread appends (acknowledgement callbacks of one producer
 * run on one thread), and it is read after the producer is closed.
 */
final class PartitionProgress {

    private final long[][] wall;
    private final long[][] maxTs;
    private final int[] size;

    PartitionProgress(int partitions) {
        wall = new long[partitions][64];
        maxTs = new long[partitions][64];
        size = new int[partitions];
    }

    /** Partition {@code p} acknowledged an event stamped {@code ts} at wall time {@code wallMillis}. */
    void acknowledged(int p, long ts, long wallMillis) {
        int n = size[p];
        if (n > 0 && ts <= maxTs[p][n - 1]) {
            return;
        }
        if (n == wall[p].length) {
            wall[p] = Arrays.copyOf(wall[p], n * 2);
            maxTs[p] = Arrays.copyOf(maxTs[p], n * 2);
        }
        wall[p][n] = wallMillis;
        maxTs[p][n] = ts;
        size[p] = n + 1;
    }

    /**
     * The wall time at which every partition had carried an event stamped at or after {@code ts}:
     * the latest over partitions of the first time each got there; -1 if some partition never did.
     */
    long reachedAt(long ts) {
        long latest = Long.MIN_VALUE;
        for (int p = 0; p < size.length; p++) {
            // first index whose max timestamp is >= ts; the log is ascending in both columns
            int i = Arrays.binarySearch(maxTs[p], 0, size[p], ts);
            if (i < 0) {
                i = -i - 1;
            }
            if (i == size[p]) {
                return -1;
            }
            latest = Math.max(latest, wall[p][i]);
        }
        return latest;
    }
}
