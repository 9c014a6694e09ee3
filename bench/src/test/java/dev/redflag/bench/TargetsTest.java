package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TargetsTest {

    /** A pass of 1,000,000 events read in {@code seconds}. */
    private static Result pass(String name, double seconds) {
        return new Result(name, 1_000_000, seconds, 2, 1, -1, 10, 300L << 20, "note");
    }

    @Test
    void aRatioIsMetWhenTheMedianOfItsRoundsReachesTheMinimum() {
        Passes passes = new Passes();
        // heap / ceiling round by round: 0.5, 0.625, 0.6: median 0.6, met; RocksDB / heap: 0.4, 0.5, 0.45: not met
        double[][] seconds = {{1.0, 2.0, 5.0}, {1.0, 1.6, 3.2}, {1.2, 2.0, 4.4}};
        for (double[] round : seconds) {
            passes.add("ceiling", pass("ceiling", round[0]), -1);
            passes.add("heap", pass("heap", round[1]), 100);
            passes.add("rocksdb", pass("rocksdb", round[2]), 100);
        }
        Targets targets = new Targets();
        targets.ratios(passes);

        assertThat(targets.all()).extracting(Targets.Target::what, Targets.Target::measured, Targets.Target::met)
                .containsExactly(
                        tuple("redflag on heap / ceiling", "60% (50–63%) over 3 rounds", true),
                        tuple("RocksDB / heap", "45% (40–50%) over 3 rounds", false));
        assertThat(targets.markdown())
                .contains("| redflag on heap / ceiling | 60% (50–63%) over 3 rounds | >= 60% | yes |")
                .contains("| RocksDB / heap | 45% (40–50%) over 3 rounds | >= 50% | **no** |")
                .contains("1 of 2 targets met in this run.");
    }

    @Test
    void latencyIsMetWhenItsNearestRankP99IsUnderASecond() {
        long[] fast = new long[100];
        java.util.Arrays.fill(fast, 300);
        long[] slow = fast.clone();
        slow[98] = 1_000;
        slow[99] = 1_200;
        Targets targets = new Targets();
        targets.latency(new AlertLatency.Latencies(fast, 0), new AlertLatency.Latencies(slow, 0));

        assertThat(targets.all()).extracting(Targets.Target::measured, Targets.Target::met)
                .containsExactly(tuple("300 ms (100 alerts)", true), tuple("1,000 ms (100 alerts)", false));
    }

    @Test
    void theKeyCurveComparesItsLargestPointWithItsSmallestAndChecksTheHeap() {
        KeyCurve.Point small = new KeyCurve.Point(1_000, pass("1k", 5.0), 40L << 20, 1L << 30, 20, null);
        KeyCurve.Point mid = new KeyCurve.Point(100_000, pass("100k", 8.0), 45L << 20, 1L << 30, 25, null);
        KeyCurve.Point large = new KeyCurve.Point(1_000_000, pass("1M", 12.5), 46L << 20, 1L << 30, 60, null);
        Targets targets = new Targets();
        targets.keys("rocksdb", List.of(small, mid, large));

        assertThat(targets.all()).extracting(Targets.Target::what, Targets.Target::measured, Targets.Target::met)
                .containsExactly(
                        tuple("1,000,000 keys against 1,000 (RocksDB)", "40% (80,000 of 200,000 events/s)", false),
                        tuple("1,000,000 keys with the JVM heap under 1 GiB",
                                "46.0 MiB live after a full GC, 300.0 MiB peak, max heap 1024.0 MiB", true));

        Targets one = new Targets();
        one.keys("rocksdb", List.of(large));
        assertThat(one.all()).extracting(Targets.Target::what)
                .containsExactly("1,000,000 keys with the JVM heap under 1 GiB");

        Targets failed = new Targets();
        failed.keys("rocksdb", List.of(small, new KeyCurve.Point(1_000_000, null, -1, -1, 30, "OutOfMemoryError")));
        assertThat(failed.all()).extracting(Targets.Target::measured, Targets.Target::met)
                .containsExactly(tuple("a point failed", false), tuple("failed: OutOfMemoryError", false));

        Targets onHeap = new Targets();
        onHeap.keys("hashmap", List.of(small, mid, large));
        assertThat(onHeap.all()).as("a curve on heap state is set beside the targets, not counted").isEmpty();
    }
}
