package dev.redflag.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaleProjectionTest {

    @Test
    void partitionsAreTwiceTheSlots() {
        assertThat(ScaleProjection.partitions(8)).isEqualTo(16);
        assertThat(ScaleProjection.partitions(128)).isEqualTo(256);
    }

    @Test
    void theBusiestReaderReadsTheCeilingOfPartitionsPerSlot() {
        assertThat(ScaleProjection.sourceShare(4, 4)).isEqualTo(0.25);
        assertThat(ScaleProjection.sourceShare(16, 8)).isEqualTo(2.0 / 16);
        // 6 partitions on 4 readers: two read 2, two read 1; the busiest reads a third, not a quarter
        assertThat(ScaleProjection.sourceShare(6, 4)).isEqualTo(2.0 / 6);
        // more readers than partitions: each busy one reads one partition
        assertThat(ScaleProjection.sourceShare(4, 8)).isEqualTo(0.25);
    }

    @Test
    void aVertexSaturatesWhenItsBusiestSubtaskIsBusyAllTheTime() {
        // busy half the time at 100,000 events/s with all records; a quarter of them: 100,000 / (0.5 × 0.25)
        assertThat(ScaleProjection.cap(100_000, 0.5, 0.25)).isEqualTo(800_000.0);
        assertThat(ScaleProjection.cap(100_000, 0, 0.25)).isInfinite();
    }

    @Test
    void theProjectionIsTheSmallestCapAndStateFollowsTheSeries() {
        ScaleProjection.OneSlot one = new ScaleProjection.OneSlot(100_000,
                Map.of(ScaleProjection.SOURCE, 1.0, KeyCensus.LEDGER, 0.2), 2e-5, 1_000_000, 1_000);
        KeySpread ledger = new KeySpread(4, 20, 0.05, 0.5, 4);
        KeySpread series = new KeySpread(4, 4_000, 0.001, 0.3, 4);

        ScaleProjection.Row row = ScaleProjection.project(one, 4, 8, Map.of(KeyCensus.LEDGER, ledger), 4_000, series);

        // source: 8 partitions on 4 readers, 2 each: 100,000 / (1.0 × 0.25); ledger: 100,000 / (0.2 × 0.5)
        assertThat(row.caps()).containsEntry(ScaleProjection.SOURCE, 400_000.0).containsEntry(KeyCensus.LEDGER, 1_000_000.0);
        assertThat(row.eventsPerSecond()).isEqualTo(400_000.0);
        assertThat(row.bound()).isEqualTo(ScaleProjection.SOURCE);
        // 1,000 bytes per series (1,000,000 / 1,000) × 4,000 series; the largest slot holds 30% of them
        assertThat(row.checkpointBytes()).isEqualTo(4_000_000);
        assertThat(row.statePerSlot()).isEqualTo(1_200_000);
        assertThat(one.coresPerSlot()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aHotKeyBindsWhenItsVertexIsBusyEnough() {
        ScaleProjection.OneSlot one = new ScaleProjection.OneSlot(100_000,
                Map.of(ScaleProjection.SOURCE, 1.0, KeyCensus.LEDGER, 0.5), 1e-5, 0, 0);
        // 20 tenants, the busiest of 32 subtasks gets 3 of them: 15% of the ledger's records
        KeySpread ledger = new KeySpread(32, 20, 0.05, 0.15, 14);

        ScaleProjection.Row row = ScaleProjection.project(one, 32, 64, Map.of(KeyCensus.LEDGER, ledger), 0,
                new KeySpread(32, 0, 0, 0, 0));

        // source: 100,000 / (1/32) = 3,200,000; ledger: 100,000 / (0.5 × 0.15) = 1,333,333
        assertThat(row.bound()).isEqualTo(KeyCensus.LEDGER);
        assertThat(row.eventsPerSecond()).isCloseTo(1_333_333.3, within(0.1));
        assertThat(row.checkpointBytes()).isZero();
    }
}
