package dev.redflag.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InputRateTest {

    private static InputRate.Sample at(double seconds, long records) {
        return new InputRate.Sample((long) (seconds * 1e9), records);
    }

    @Test
    void theRateRunsFromTheFirstSampleThatSawARecordToTheLastThatHadNotSeenThemAll() {
        List<InputRate.Sample> samples = List.of(at(0, 0), at(0.5, 0), at(1.0, 1_000), at(1.5, 21_000),
                at(2.0, 41_000), at(2.5, 50_000), at(3.0, 50_000));

        InputRate rate = InputRate.of(samples, 50_000).orElseThrow();

        // 41,000 - 1,000 records between 1.0 s and 2.0 s
        assertThat(rate.records()).isEqualTo(40_000);
        assertThat(rate.seconds()).isEqualTo(1.0);
        assertThat(rate.perSecond()).isEqualTo(40_000.0);
    }

    @Test
    void fewerThanTwoSamplesInsideTheReadingGiveNoRate() {
        assertThat(InputRate.of(List.of(at(0, 0), at(0.5, 10), at(1.0, 100)), 100)).isEmpty();
        assertThat(InputRate.of(List.of(at(0, 0), at(0.5, 0)), 100)).isEmpty();
    }
}
