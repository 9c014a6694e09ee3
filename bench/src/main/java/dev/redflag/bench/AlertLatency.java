package dev.redflag.bench;

import java.util.Arrays;

/**
 * Processing-time latency of alerts. A transition caused by a window value is stamped with the
 * window's end ({@code Transition.at}); the window fires once the watermark reaches
 * {@code end - 1}, and the job's bounded-out-of-orderness watermark is
 * {@code max ts - outOfOrderness - 1} on every partition, so it becomes due once every partition has
 * carried an event stamped at or after {@code end + outOfOrderness}. The wall time of that is when
 * the completing event was acknowledged by the broker; the latency is from there to the wall time
 * the alert was seen at the end of the pipeline.
 */
final class AlertLatency {

    /** An alert seen at the end of the pipeline: its event time and the wall time it was seen. */
    record Seen(long at, long wallMillis) {
    }

    /** Latencies in ms, and how many alerts had no due time (a partition never got that far). */
    record Latencies(long[] millis, int undue) {
        Percentiles percentiles() {
            return Percentiles.of(millis);
        }
    }

    private AlertLatency() {
    }

    static Latencies of(Iterable<Seen> seen, PartitionProgress progress, long outOfOrdernessMillis) {
        long[] out = new long[16];
        int n = 0;
        int undue = 0;
        for (Seen s : seen) {
            long due = progress.reachedAt(s.at() + outOfOrdernessMillis);
            if (due < 0) {
                undue++;
                continue;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = s.wallMillis() - due;
        }
        return new Latencies(Arrays.copyOf(out, n), undue);
    }
}
