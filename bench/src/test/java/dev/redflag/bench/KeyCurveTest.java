package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyCurveTest {

    @Test
    void aWarmUpRunOfAPointIsPrintedWithItsNumberKeysAndRate() {
        // 1,000,000 events in 4 s: 250,000 events/s
        Result run = new Result("redflag, rocksdb, 1,000 keys", 1_000_000, 4.0, 2, 2, 903_361, 80, 250_763_776,
                "checkpoint size and duration: the first checkpoint triggered after the end of input", 6.5);

        assertThat(KeyCurve.warmupLine(1_000, "1/2\t" + run.toLine()))
                .isEqualTo("  warm-up 1/2  1,000 keys  250,000 events/s");
    }
}
