package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRankOfTenValues() {
        // sorted: 1 2 3 4 5 6 7 8 9 100; p50 rank ceil(5.0) = 5 -> 5; p99 rank ceil(9.9) = 10 -> 100
        Percentiles p = Percentiles.of(new long[]{9, 100, 1, 8, 2, 7, 3, 6, 4, 5});
        assertThat(p).isEqualTo(new Percentiles(10, 5, 100, 100));
    }

    @Test
    void p99OfTwoHundredValuesIsTheHundredAndNinetyEighth() {
        long[] values = new long[200];
        for (int i = 0; i < 200; i++) {
            values[i] = 200 - i; // 200 .. 1
        }
        // rank ceil(0.99 * 200) = 198 -> value 198; rank ceil(0.5 * 200) = 100 -> value 100
        assertThat(Percentiles.of(values)).isEqualTo(new Percentiles(200, 100, 198, 200));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Percentiles.of(new long[]{42})).isEqualTo(new Percentiles(1, 42, 42, 42));
    }

    @Test
    void anEmptySampleHasNone() {
        assertThat(Percentiles.of(new long[0]).count()).isZero();
        assertThat(Percentiles.of(new long[0])).hasToString("none");
    }
}
