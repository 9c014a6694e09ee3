package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRunTest {

    /** Issue 17: the firing periods the run counts apart, because their group had already notified. */
    @Test
    void aFiringAfterAnEarlierFiringOfTheSameAlertIsARefire() {
        List<WallClockSink.Stamp> transitions = List.of(
                new WallClockSink.Stamp("a", 3_600_000, 10),
                new WallClockSink.Stamp("a", 3_600_000, 11),
                new WallClockSink.Stamp("b", 3_600_000, 12),
                new WallClockSink.Stamp("a", 10_800_000, 20));

        assertThat(LatencyRun.refires(transitions)).containsExactly("a@10800000");
    }
}
