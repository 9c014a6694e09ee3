package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLatencyTest {

    @Test
    void fromTheWatermarkPassingTheWindowEndToTheSink() {
        PartitionProgress progress = new PartitionProgress(2);
        // partition 0 reaches ts 3,630,000 (1h + 30 s) at wall 10,000; partition 1 at wall 10,040
        progress.acknowledged(0, 3_600_000, 9_000);
        progress.acknowledged(0, 3_630_000, 10_000);
        progress.acknowledged(1, 3_629_999, 10_020);
        progress.acknowledged(1, 3_631_000, 10_040);
        // partition 0 reaches 2h + 30 s at 20,000, partition 1 only 2h + 10 s, then nothing
        progress.acknowledged(0, 7_230_000, 20_000);
        progress.acknowledged(1, 7_210_000, 20_010);

        AlertLatency.Latencies l = AlertLatency.of(List.of(
                // window ending at 1h, 30 s out-of-orderness: due at 10,040, seen at 10,290 -> 250 ms
                new AlertLatency.Seen(3_600_000, 10_290),
                // same window seen later by the notification sink -> 460 ms
                new AlertLatency.Seen(3_600_000, 10_500),
                // window ending at 2h: partition 1 never carried 2h + 30 s -> not due, not counted
                new AlertLatency.Seen(7_200_000, 20_500)), progress, 30_000);

        assertThat(l.millis()).containsExactly(250, 460);
        assertThat(l.undue()).isEqualTo(1);
        assertThat(l.percentiles()).isEqualTo(new Percentiles(2, 250, 460, 460));
    }
}
