package dev.redflag.kpi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combiner's room grows while the panes it sent on for want of room come back, and shrinks when
 * they do not. Hashes 0 to n - 1 land on n different bits of the bitmap (Fibonacci hashing spreads
 * consecutive numbers thousands of bits apart), so the shares below are exact.
 */
class CombinerCapacityTest {

    private static void sent(CombinerCapacity c, int from, int to) {
        for (int h = from; h < to; h++) {
            c.sentForRoom(h);
        }
    }

    private static void made(CombinerCapacity c, int from, int to) {
        for (int h = from; h < to; h++) {
            c.made(h);
        }
    }

    @Test
    void theRoomDoublesWhileMostNewPanesWereSentOnBeforeUpToItsMaximum() {
        CombinerCapacity c = new CombinerCapacity();
        assertThat(c.limit()).isEqualTo(CombinerCapacity.MIN);
        sent(c, 0, 1_000);
        List<Integer> limits = new ArrayList<>();
        for (int flush = 0; flush < 5; flush++) {
            made(c, 0, 500); // half of them came back: the least share that grows
            made(c, 5_000, 5_500);
            c.flushedForRoom();
            limits.add(c.limit());
        }
        assertThat(limits).containsExactly(20_000, 40_000, 80_000, 160_000, CombinerCapacity.MAX);
    }

    @Test
    void theRoomHalvesWhenFewCameBackDownToItsMinimumAndHoldsInBetween() {
        CombinerCapacity c = new CombinerCapacity();
        sent(c, 0, 1_000);
        made(c, 0, 1_000);
        c.flushedForRoom();
        made(c, 0, 1_000);
        c.flushedForRoom();
        assertThat(c.limit()).isEqualTo(40_000);

        made(c, 0, 300); // 30% came back: between halving (under 25%) and doubling (50%)
        made(c, 10_000, 10_700);
        c.flushedForRoom();
        assertThat(c.limit()).isEqualTo(40_000);

        List<Integer> limits = new ArrayList<>();
        for (int flush = 0; flush < 3; flush++) {
            made(c, 0, 249); // 24.9%
            made(c, 20_000 + 1_000 * flush, 20_751 + 1_000 * flush);
            c.flushedForRoom();
            limits.add(c.limit());
        }
        assertThat(limits).containsExactly(20_000, CombinerCapacity.MIN, CombinerCapacity.MIN);
    }

    @Test
    void aFlushWithNoPaneMadeSinceTheLastLeavesTheRoomAsItIs() {
        CombinerCapacity c = new CombinerCapacity();
        sent(c, 0, 100);
        made(c, 0, 100);
        c.flushedForRoom();
        c.flushedForRoom();
        assertThat(c.limit()).isEqualTo(20_000);
    }

    @Test
    void theBitmapIsClearedOnceAnEighthIsSetSoOldKeysStopCounting() {
        CombinerCapacity c = new CombinerCapacity();
        sent(c, 0, 300_000); // more than an eighth of 2^21 bits
        c.flushedForRoom();
        made(c, 0, 1_000);
        c.flushedForRoom();
        assertThat(c.limit()).as("none counted as returned").isEqualTo(CombinerCapacity.MIN);

        CombinerCapacity kept = new CombinerCapacity();
        sent(kept, 0, 200_000); // under an eighth: kept
        kept.flushedForRoom();
        made(kept, 0, 1_000);
        kept.flushedForRoom();
        assertThat(kept.limit()).isEqualTo(20_000);
    }
}
